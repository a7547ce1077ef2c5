package org.burnrate.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.burnrate.base.ConsumptionUnits;
import org.junit.jupiter.api.Test;

/** The showback arithmetic, without Spring. */
class ShowbackApportionTest {

    static ConsumptionUnits units(String amount) {
        return ConsumptionUnits.parse(amount);
    }

    @Test
    void anEvenAmountIsSplitEqually() {
        assertThat(Showback.apportion(units("10"), 2)).containsExactly(units("5"), units("5"));
    }

    @Test
    void theLastShareTakesTheRemainderSoTheSharesSumExactly() {
        var shares = Showback.apportion(units("10"), 3);
        assertThat(shares).containsExactly(units("3.3333"), units("3.3333"), units("3.3334"));
        assertThat(shares.stream().reduce(ConsumptionUnits.ZERO, ConsumptionUnits::plus)).isEqualTo(units("10"));
        var tiny = Showback.apportion(units("0.0001"), 3);
        assertThat(tiny).containsExactly(units("0"), units("0"), units("0.0001"));
    }

    @Test
    void roundingIsTheOneRuleHalfUp() {
        // 0.6667 / 2 = 0.33335 rounds half up to 0.3334; the last gets 0.3333.
        assertThat(Showback.apportion(units("0.6667"), 2)).containsExactly(units("0.3334"), units("0.3333"));
    }

    @Test
    void noChildrenMeansNoSharesUnusedCapacity() {
        assertThat(Showback.apportion(units("10"), 0)).isEmpty();
    }

    @Test
    void aChildIsRunningFromItsStartUntilBeforeItsStop() {
        var t0 = Instant.parse("2026-10-01T10:00:00Z");
        var periods = List.of(new SpanMeter.Period(t0, t0.plusSeconds(3600), true));
        assertThat(Showback.runningAt(periods, t0)).isTrue();
        assertThat(Showback.runningAt(periods, t0.minusSeconds(1))).isFalse();
        assertThat(Showback.runningAt(periods, t0.plusSeconds(3600))).isFalse();
        assertThat(Showback.runningAt(List.of(new SpanMeter.Period(t0, null, false)), t0)).isFalse();
    }
}
