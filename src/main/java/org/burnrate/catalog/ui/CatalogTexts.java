package org.burnrate.catalog.ui;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.ui.Dates;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.UnitValue;
import org.jspecify.annotations.Nullable;

/** How prices, durations and moments read on the catalog screens, and how typed ones are read back. */
final class CatalogTexts {

    /** The zone moments are shown and typed in; the same as the other admin views. */
    static final ZoneId ZONE = ZoneId.systemDefault();
    private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d{1,9})\\s*([a-z]+)");

    private CatalogTexts() {
    }

    static String when(Instant instant) {
        return Dates.minute(instant);
    }

    static LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZONE);
    }

    /** A moment typed into a date-time picker; null (now) when left empty. */
    static @Nullable Instant instant(@Nullable LocalDateTime local) {
        return local == null ? null : local.atZone(ZONE).toInstant();
    }

    /** "1 unit = 0.05 EUR". */
    static String unitValue(UnitValue value) {
        return "1 unit = " + plain(value.valuePerUnit()) + " " + value.currency().getCurrencyCode();
    }

    /** "40" rather than "40.0000" in a rate or an input the user edits; exact, never rounded. */
    static String plain(ConsumptionUnits units) {
        return plain(units.value());
    }

    static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** "30 s", "1 min", "90 min", "24 h", "2 d": the largest unit that divides the duration exactly. */
    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds == 0) {
            return "0";
        }
        if (seconds % 86_400 == 0 && seconds > 86_400) {
            return seconds / 86_400 + " d";
        }
        if (seconds % 3600 == 0) {
            return seconds / 3600 + " h";
        }
        if (seconds % 60 == 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }

    /** A rate as one line: "40 units / 1 h, minimum 1 min", with what it costs stopped or per operation. */
    static String rate(BurnRate rate, Billing billing) {
        var time = plain(rate.units()) + " units / " + duration(rate.per()) + ", minimum " + duration(rate.minimumSpan());
        var stopped = rate.stoppedUnits().isPositive()
                ? ", " + plain(rate.stoppedUnits()) + " units / " + duration(rate.per()) + " while stopped" : "";
        if (billing == Billing.PER_OPERATION) {
            var perOperation = plain(rate.unitsPerOperation()) + " units per operation";
            return rate.burnsWhileRunning() || rate.stoppedUnits().isPositive()
                    ? perOperation + ", plus " + time + stopped : perOperation;
        }
        return time + stopped;
    }

    /**
     * Reads "1 h", "30 min", "24 hours", "1 day", "1 hour" or an ISO-8601 duration such as "PT1M".
     * Whether the length is allowed where it is used is for the value types to say.
     */
    static Duration parseDuration(String field, @Nullable String text) {
        String typed = text == null ? "" : text.strip();
        if (typed.isEmpty()) {
            throw new InvalidInputException(field, "A duration is required, for example 1 h, 30 min or PT24H.");
        }
        String lower = typed.toLowerCase(Locale.ROOT);
        try {
            if (lower.startsWith("p")) {
                return Duration.parse(typed.toUpperCase(Locale.ROOT));
            }
            var matcher = AMOUNT_AND_UNIT.matcher(lower);
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                switch (matcher.group(2)) {
                    case "s", "sec", "secs", "second", "seconds":
                        return Duration.ofSeconds(amount);
                    case "m", "min", "mins", "minute", "minutes":
                        return Duration.ofMinutes(amount);
                    case "h", "hr", "hrs", "hour", "hours":
                        return Duration.ofHours(amount);
                    case "d", "day", "days":
                        return Duration.ofDays(amount);
                    default:
                        break;
                }
            }
        } catch (DateTimeParseException | ArithmeticException e) {
            // falls through to the message below
        }
        throw new InvalidInputException(field, "'" + typed + "' is not a duration; write it like 1 h, 30 min, 24 h, "
                + "1 d or PT1M.");
    }

    /** An amount of units typed into a field; the message names the field's purpose, never a stack trace. */
    static ConsumptionUnits parseUnits(String field, @Nullable String text) {
        try {
            var units = ConsumptionUnits.parse(text);
            if (units.isNegative()) {
                throw new InvalidInputException(field, "An amount cannot be negative; write 0 or more.");
            }
            return units;
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field, String.valueOf(e.getMessage()));
        }
    }
}
