package org.burnrate.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.junit.jupiter.api.Test;

class UnitValueTest {

    @Test
    void unitsAreValuedInTheCurrencysMinorUnitRoundedHalfUp() {
        var euro = new UnitValue(1, Currency.getInstance("EUR"), new BigDecimal("0.050000"), Instant.EPOCH, "admin");
        var yen = new UnitValue(2, Currency.getInstance("JPY"), new BigDecimal("7.500000"), Instant.EPOCH, "admin");

        assertThat(euro.valueOf(ConsumptionUnits.of(48))).isEqualByComparingTo("2.40");
        assertThat(euro.valueOf(ConsumptionUnits.parse("0.6667")).toPlainString()).isEqualTo("0.03");
        assertThat(yen.valueOf(ConsumptionUnits.parse("0.1")).toPlainString()).isEqualTo("1");
    }

    @Test
    void onlyIso4217CodesAndSensibleValuesAreAccepted() {
        assertThat(UnitValue.currency(" chf ").getCurrencyCode()).isEqualTo("CHF");
        assertThatThrownBy(() -> UnitValue.currency("EURO")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not an ISO 4217 currency code");
        assertThatThrownBy(() -> UnitValue.currency("XYZ")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> UnitValue.value(BigDecimal.ZERO)).hasMessageContaining("more than zero");
        assertThatThrownBy(() -> UnitValue.value(new BigDecimal("0.0000001"))).hasMessageContaining("at most 6");
        assertThatThrownBy(() -> UnitValue.value(new BigDecimal("2000000"))).hasMessageContaining("at most 1000000");
    }
}
