package org.burnrate.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.junit.jupiter.api.Test;

/** Quote arithmetic and rate-version selection, with the seed's examples. */
class BurnRateTest {

    static final BurnRate VM = BurnRate.running(units("40"), Duration.ofHours(1), Duration.ofMinutes(1));
    static final BurnRate DATABASE = BurnRate.running(units("2"), Duration.ofHours(1), Duration.ofHours(24));

    static ConsumptionUnits units(String amount) {
        return ConsumptionUnits.parse(amount);
    }

    @Test
    void aVmAtFortyUnitsAnHourWithAOneMinuteMinimumHoldsTwoThirdsOfAUnit() {
        assertThat(VM.minimumCharge()).isEqualTo(units("0.6667"));
        assertThat(VM.unitsPerHour()).isEqualTo(units("40"));
    }

    @Test
    void sixtyOneMinuteSpansCostExactlyFortyNotSixtyRoundedSpans() {
        assertThat(VM.runningCost(60)).isEqualTo(units("40.0000"));
        assertThat(VM.minimumCharge().value().multiply(java.math.BigDecimal.valueOf(60)))
                .isNotEqualByComparingTo("40");
        assertThat(VM.runningCost(2)).isEqualTo(units("1.3333"));
    }

    @Test
    void aDatabaseAtTwoUnitsAnHourWithADayMinimumChargesFortyEightUpFront() {
        assertThat(DATABASE.minimumCharge()).isEqualTo(units("48"));
        assertThat(DATABASE.runningCost(2)).isEqualTo(units("96"));
    }

    @Test
    void aBudgetLastsForTheWholeSpansItPaysFor() {
        assertThat(VM.lastsFor(units("100"))).isEqualTo(Duration.ofMinutes(150));
        assertThat(VM.lastsFor(units("0.6666"))).isEqualTo(Duration.ZERO);
        assertThat(VM.lastsFor(units("0.6667"))).isEqualTo(Duration.ofMinutes(1));
        assertThat(DATABASE.lastsFor(units("100"))).isEqualTo(Duration.ofHours(48));
        assertThat(DATABASE.lastsFor(units("47.9999"))).isEqualTo(Duration.ZERO);
    }

    @Test
    void unlimitedBudgetsAndZeroRatesLastIndefinitely() {
        assertThat(VM.lastsFor(null)).isNull();
        var webApp = BurnRate.running(ConsumptionUnits.ZERO, Duration.ofHours(1), Duration.ofHours(1));
        assertThat(webApp.lastsFor(units("5"))).isNull();
        assertThat(webApp.minimumCharge()).isEqualTo(ConsumptionUnits.ZERO);
    }

    @Test
    void aHugeBudgetAtATinyRateIsCappedInsteadOfOverflowing() {
        var tiny = BurnRate.running(units("0.0001"), Duration.ofDays(366), Duration.ofSeconds(1));
        assertThat(tiny.lastsFor(units("1000000000000"))).isEqualTo(BurnRate.LONGEST_REPORTED);
    }

    @Test
    void theMinimumSpanRunsFromOneSecondToThirtyOneDays() {
        assertThat(BurnRate.running(units("1"), Duration.ofHours(1), Duration.ofSeconds(1)).minimumSpan())
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(BurnRate.running(units("1"), Duration.ofHours(1), Duration.ofDays(31)).minimumSpan())
                .isEqualTo(Duration.ofDays(31));
        assertThatThrownBy(() -> BurnRate.running(units("1"), Duration.ofHours(1), Duration.ofMillis(500)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("PT1S (1 second) to P31D");
        assertThatThrownBy(() -> BurnRate.running(units("1"), Duration.ofHours(1), Duration.ofDays(32)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> BurnRate.running(units("-1"), Duration.ofHours(1), Duration.ofMinutes(1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot be negative");
        assertThatThrownBy(() -> BurnRate.running(units("1"), Duration.ZERO, Duration.ofMinutes(1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("per whole seconds");
    }

    @Test
    void theVersionInForceIsTheLatestThatStartedAtOrBeforeTheMoment() {
        var nine = Instant.parse("2026-11-24T09:00:00Z");
        var halfPastTen = Instant.parse("2026-11-24T10:30:00Z");
        var first = new RateVersion(1, 7, VM, nine, "it");
        var second = new RateVersion(2, 7, BurnRate.running(units("60"), Duration.ofHours(1), Duration.ofMinutes(1)),
                halfPastTen, "it");
        var sameMomentLater = new RateVersion(3, 7, DATABASE, halfPastTen, "it");
        var versions = List.of(second, first);

        assertThat(RateVersion.inForceAt(versions, nine.minusSeconds(1))).isEmpty();
        assertThat(RateVersion.inForceAt(versions, nine)).contains(first);
        assertThat(RateVersion.inForceAt(versions, halfPastTen.minusNanos(1))).contains(first);
        assertThat(RateVersion.inForceAt(versions, halfPastTen)).contains(second);
        assertThat(RateVersion.inForceAt(List.of(first, second, sameMomentLater), halfPastTen)).contains(sameMomentLater);
    }
}
