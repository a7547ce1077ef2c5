package org.burnrate.provisioning.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Optional;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.catalog.UnitValue;
import org.burnrate.ledger.LedgerLineView;
import org.burnrate.ledger.LineType;
import org.junit.jupiter.api.Test;

class LedgerLineTextsTest {

    private static final Instant TEN = Instant.parse("2026-11-24T10:00:00Z");
    private static final Optional<UnitValue> ONE_EURO_NOW = Optional
            .of(new UnitValue(7, Currency.getInstance("EUR"), new BigDecimal("1.000000"), TEN, "admin"));

    static LedgerLineView line(LineType type, String amount, Instant spanStart, Instant spanEnd, String unitValue,
            String currency) {
        return new LedgerLineView(1, 2, null, type, ConsumptionUnits.parse(amount), spanEnd, "system", "", null, null,
                3L, spanStart == null ? null : 4L, spanStart, spanEnd, unitValue == null ? null : new BigDecimal(unitValue),
                currency);
    }

    @Test
    void aDebitIsValuedAtTheUnitValueItWasChargedAtNotTheOneInForceNow() {
        var debit = line(LineType.DEBIT, "0.6667", TEN, TEN.plusSeconds(60), "0.050000", "EUR");

        assertThat(LedgerLineTexts.amount(debit, ONE_EURO_NOW)).isEqualTo("0.6667 units (0.03 EUR)");
        assertThat(LedgerLineTexts.amount(line(LineType.DEBIT, "0.6667", TEN, TEN.plusSeconds(60), "0.05", "JPY"),
                ONE_EURO_NOW)).as("rounded to the currency's own minor unit").isEqualTo("0.6667 units (0 JPY)");
    }

    @Test
    void aLineWithoutAValueOfItsOwnUsesTheOneInForceOrNone() {
        var hold = line(LineType.HOLD, "0.6667", null, TEN, null, null);

        assertThat(LedgerLineTexts.amount(hold, ONE_EURO_NOW)).isEqualTo("0.6667 units (0.67 EUR)");
        assertThat(LedgerLineTexts.amount(hold, Optional.empty())).isEqualTo("0.6667 units");
    }

    @Test
    void aSpanOnTheDayItWasWrittenShowsItsTimesAndOtherwiseItsDates() {
        var zone = ZoneId.systemDefault();
        var local = TEN.atZone(zone).toLocalDate().atTime(10, 0).atZone(zone).toInstant();

        assertThat(LedgerLineTexts.span(local, local.plusSeconds(60), local.plusSeconds(90))).isEqualTo("10:00–10:01");
        assertThat(LedgerLineTexts.span(local.plusSeconds(30), local.plusSeconds(90), local.plusSeconds(90)))
                .isEqualTo("10:00:30–10:01:30");
        var day = local.atZone(zone).toLocalDate();
        var dayLong = local.plus(java.time.Duration.ofHours(24));
        // Across days, with the dates written as everywhere else in the portal: "2026-11-24 10:00 – 2026-11-25 10:00".
        assertThat(LedgerLineTexts.span(local, dayLong, local)).isEqualTo(day + " 10:00 – " + day.plusDays(1) + " 10:00")
                .matches("\\d{4}-\\d{2}-\\d{2} 10:00 – \\d{4}-\\d{2}-\\d{2} 10:00");
        assertThat(LedgerLineTexts.span(null, null, local)).isEmpty();
    }

    @Test
    void typesReadAsWords() {
        assertThat(LedgerLineTexts.type(LineType.HOLD)).isEqualTo("Hold");
        assertThat(LedgerLineTexts.type(LineType.RELEASE)).isEqualTo("Release");
        assertThat(LedgerLineTexts.type(LineType.DEBIT)).isEqualTo("Debit");
    }
}
