package org.burnrate.provisioning.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

import org.burnrate.base.ui.Dates;
import org.burnrate.catalog.UnitValue;
import org.burnrate.catalog.ui.MoneyText;
import org.burnrate.ledger.LedgerLineView;
import org.burnrate.ledger.LineType;
import org.jspecify.annotations.Nullable;

/** How a resource's ledger line reads: its type, its amount valued as it was charged, its span. */
final class LedgerLineTexts {

    private LedgerLineTexts() {
    }

    /** "Hold", "Release", "Debit". */
    static String type(LineType type) {
        var name = type.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    static String when(Instant at) {
        return Dates.second(at);
    }

    /**
     * "0.6667 units (0.03 EUR)": a debit is valued at the unit value stored with it, the one in
     * force at its span's start, so a later change of the unit value does not rewrite past charges.
     * Lines without a value of their own (holds, releases) use the one in force now, as every other
     * figure on screen does.
     */
    static String amount(LedgerLineView line, Optional<UnitValue> inForce) {
        return MoneyText.of(line.amount(), storedValue(line).or(() -> inForce));
    }

    /** The unit value a line was charged at, when it carries one. */
    static Optional<UnitValue> storedValue(LedgerLineView line) {
        var value = line.unitValue();
        var currency = line.currency();
        if (value == null || currency == null) {
            return Optional.empty();
        }
        var from = line.spanStart() == null ? line.at() : line.spanStart();
        return Optional.of(new UnitValue(0, Currency.getInstance(currency), value, from, ""));
    }

    /**
     * "10:00–10:01" for a span on the day its line was written; with the dates when it is not,
     * as for a day-long span or a span caught up after midnight. Seconds only when they matter.
     */
    static String span(@Nullable Instant start, @Nullable Instant end, Instant writtenAt) {
        if (start == null || end == null) {
            return "";
        }
        var zone = ZoneId.systemDefault();
        var from = start.atZone(zone);
        var to = end.atZone(zone);
        var time = from.getSecond() == 0 && to.getSecond() == 0 ? "HH:mm" : "HH:mm:ss";
        var day = writtenAt.atZone(zone).toLocalDate();
        if (from.toLocalDate().equals(day) && to.toLocalDate().equals(day)) {
            var format = DateTimeFormatter.ofPattern(time, Locale.ENGLISH);
            return format.format(from) + "–" + format.format(to);
        }
        var format = DateTimeFormatter.ofPattern(Dates.DAY_FORMAT + " " + time, Locale.ENGLISH);
        return format.format(from) + " – " + format.format(to);
    }
}
