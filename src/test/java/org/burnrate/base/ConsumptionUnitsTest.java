package org.burnrate.base;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class ConsumptionUnitsTest {

    @Test
    void amountsAlwaysCarryFourPlaces() {
        assertThat(ConsumptionUnits.parse("48").toString()).isEqualTo("48.0000");
        assertThat(ConsumptionUnits.parse(" 12.5 ").toString()).isEqualTo("12.5000");
        assertThat(ConsumptionUnits.parse("48.0")).isEqualTo(ConsumptionUnits.of(48));
    }

    @Test
    void roundingHappensHalfUpToFourPlacesInOnePlace() {
        assertThat(ConsumptionUnits.rounded(new BigDecimal("0.66665")).toString()).isEqualTo("0.6667");
        assertThat(ConsumptionUnits.rounded(new BigDecimal("0.66664")).toString()).isEqualTo("0.6666");
        assertThat(ConsumptionUnits.rounded(new BigDecimal("-0.66665")).toString()).isEqualTo("-0.6667");
    }

    @Test
    void sixtyOneMinuteSpansAtFortyUnitsAnHourCostExactlyForty() {
        var perMinute = new BigDecimal(40).divide(new BigDecimal(60), 20, ConsumptionUnits.ROUNDING);
        var summedThenRounded = ConsumptionUnits.rounded(perMinute.multiply(new BigDecimal(60)));
        assertThat(summedThenRounded).isEqualTo(ConsumptionUnits.of(40));
    }

    @Test
    void inputWithMoreThanFourPlacesIsRefusedNotRounded() {
        assertThatThrownBy(() -> ConsumptionUnits.parse("1.00001"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("more than 4 decimal places");
        assertThat(ConsumptionUnits.parse("1.00010").toString()).isEqualTo("1.0001");
    }

    @Test
    void nonsenseAndAbsurdAmountsAreRefusedWithAMessage() {
        assertThatThrownBy(() -> ConsumptionUnits.parse("ten")).hasMessageContaining("not a number of units");
        assertThatThrownBy(() -> ConsumptionUnits.parse("")).hasMessageContaining("required");
        assertThatThrownBy(() -> ConsumptionUnits.parse("1e13")).hasMessageContaining("too large");
        assertThatThrownBy(() -> ConsumptionUnits.positive(new BigDecimal("-5"), true)).hasMessageContaining("zero or more");
        assertThatThrownBy(() -> ConsumptionUnits.positive(BigDecimal.ZERO, false)).hasMessageContaining("more than zero");
    }

    @Test
    void arithmeticIsExact() {
        var a = ConsumptionUnits.parse("0.1");
        var sum = ConsumptionUnits.ZERO;
        for (int i = 0; i < 10; i++) {
            sum = sum.plus(a);
        }
        assertThat(sum).isEqualTo(ConsumptionUnits.of(1));
        assertThat(sum.minus(ConsumptionUnits.of(2)).isNegative()).isTrue();
        assertThat(ConsumptionUnits.of(3).exceeds(ConsumptionUnits.of(2))).isTrue();
    }
}
