package org.burnrate.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.RateVersion;
import org.junit.jupiter.api.Test;

/** What a confirmed history owes, with the seed's examples. */
class SpanMeterTest {

    static final Instant TEN = Instant.parse("2026-11-24T10:00:00Z");
    static final RateVersion VM = new RateVersion(1, 1,
            BurnRate.running(units("40"), Duration.ofHours(1), Duration.ofMinutes(1)), TEN.minusSeconds(3600), "it");
    static final RateVersion DATABASE = new RateVersion(2, 2,
            BurnRate.running(units("2"), Duration.ofHours(1), Duration.ofHours(24)), TEN.minusSeconds(3600), "it");

    static ConsumptionUnits units(String amount) {
        return ConsumptionUnits.parse(amount);
    }

    static List<StateChange> ranFor(Duration duration) {
        return List.of(new StateChange(ResourceState.RUNNING, TEN, "p", ""),
                new StateChange(ResourceState.STOPPED, TEN.plus(duration), "p", ""));
    }

    static ConsumptionUnits owed(List<StateChange> history, List<RateVersion> versions, Instant now) {
        return SpanMeter.total(SpanMeter.owed(SpanMeter.periods(history), versions, now));
    }

    @Test
    void ninetySecondsOfAVmAreTwoStartedSpans() {
        var runs = SpanMeter.owed(SpanMeter.periods(ranFor(Duration.ofSeconds(90))), List.of(VM), TEN.plusSeconds(3600));
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.count()).isEqualTo(2);
            assertThat(run.amount()).isEqualTo(units("1.3333"));
            assertThat(run.end()).isEqualTo(TEN.plusSeconds(120));
        });
    }

    @Test
    void sixtyMinutesOfAVmCostExactlyForty() {
        assertThat(owed(ranFor(Duration.ofMinutes(60)), List.of(VM), TEN.plusSeconds(7200))).isEqualTo(units("40.0000"));
    }

    @Test
    void theFirstSpanIsOwedTheMomentTheResourceStarts() {
        var running = List.of(new StateChange(ResourceState.RUNNING, TEN, "p", ""));
        assertThat(owed(running, List.of(VM), TEN)).isEqualTo(units("0.6667"));
        assertThat(owed(running, List.of(VM), TEN.plusSeconds(60))).as("the second span starts now: next run")
                .isEqualTo(units("0.6667"));
        assertThat(owed(running, List.of(VM), TEN.plusSeconds(60).plusMillis(1))).isEqualTo(units("1.3333"));
    }

    @Test
    void aDatabaseOwesFortyEightAtStartAndFortyEightMoreAtHourTwentyFour() {
        var running = List.of(new StateChange(ResourceState.RUNNING, TEN, "p", ""));
        assertThat(owed(running, List.of(DATABASE), TEN)).isEqualTo(units("48"));
        assertThat(owed(running, List.of(DATABASE), TEN.plus(Duration.ofHours(24)))).isEqualTo(units("48"));
        assertThat(owed(running, List.of(DATABASE), TEN.plus(Duration.ofHours(24)).plusSeconds(1))).isEqualTo(units("96"));
    }

    @Test
    void aRateChangeAtHalfPastTenPricesSpansFromThenOnAtTheNewRate() {
        var newRate = new RateVersion(3, 1, BurnRate.running(units("60"), Duration.ofHours(1), Duration.ofMinutes(1)),
                TEN.plus(Duration.ofMinutes(30)), "it");
        var runs = SpanMeter.owed(SpanMeter.periods(ranFor(Duration.ofHours(1))), List.of(VM, newRate),
                TEN.plus(Duration.ofHours(2)));

        assertThat(runs).hasSize(2);
        assertThat(runs.get(0).rate()).isEqualTo(VM);
        assertThat(runs.get(0).count()).isEqualTo(30);
        assertThat(runs.get(0).amount()).isEqualTo(units("20"));
        assertThat(runs.get(1).rate()).isEqualTo(newRate);
        assertThat(runs.get(1).start()).isEqualTo(TEN.plus(Duration.ofMinutes(30)));
        assertThat(runs.get(1).amount()).isEqualTo(units("30"));
    }

    @Test
    void aSpanStartedBeforeARateChangeKeepsTheOldRate() {
        var change = TEN.plusSeconds(90);
        var newRate = new RateVersion(3, 2, BurnRate.running(units("4"), Duration.ofHours(1), Duration.ofHours(24)),
                change, "it");
        var running = List.of(new StateChange(ResourceState.RUNNING, TEN, "p", ""));
        var runs = SpanMeter.owed(SpanMeter.periods(running), List.of(DATABASE, newRate),
                TEN.plus(Duration.ofHours(24)).plusSeconds(1));

        assertThat(runs).extracting(SpanMeter.Run::amount).containsExactly(units("48"), units("96"));
        assertThat(runs.get(1).start()).isEqualTo(TEN.plus(Duration.ofHours(24)));
    }

    @Test
    void stoppedTimeIsFreeUnlessTheTemplateChargesAStoppedRate() {
        var history = List.of(new StateChange(ResourceState.RUNNING, TEN, "p", ""),
                new StateChange(ResourceState.STOPPED, TEN.plusSeconds(60), "p", ""));
        var later = TEN.plus(Duration.ofHours(10));
        assertThat(owed(history, List.of(VM), later)).isEqualTo(units("0.6667"));

        var disk = new RateVersion(4, 1, new BurnRate(units("40"), Duration.ofHours(1), Duration.ofMinutes(1),
                units("1"), ConsumptionUnits.ZERO), TEN.minusSeconds(3600), "it");
        // 1 running minute, then stopped at 1 unit/h: the 599 minutes that started before the 10 h mark.
        assertThat(owed(history, List.of(disk), later)).isEqualTo(units("0.6667").plus(units("9.9833")));
    }

    static final RateVersion KEPT_DISK = new RateVersion(5, 1, new BurnRate(units("40"), Duration.ofHours(1),
            Duration.ofMinutes(1), units("6"), ConsumptionUnits.ZERO), TEN.minusSeconds(3600), "it");

    @Test
    void stoppedTimeWithinARunningSpanPaidInFullCostsNothingMoreStoppedSpansBeginWhereItEnds() {
        var history = List.of(new StateChange(ResourceState.RUNNING, TEN, "p", ""),
                new StateChange(ResourceState.STOPPED, TEN.plusSeconds(90), "p", ""));
        var runs = SpanMeter.owed(SpanMeter.periods(history), List.of(KEPT_DISK), TEN.plusSeconds(241));

        assertThat(runs).hasSize(2);
        assertThat(runs.getFirst().count()).as("running minutes from 10:00 and 10:01").isEqualTo(2);
        assertThat(runs.get(1).start()).as("the stopped spans begin where the paid minute ends").isEqualTo(TEN.plusSeconds(120));
        assertThat(runs.get(1).count()).as("stopped minutes from 10:02, 10:03, 10:04").isEqualTo(3);
        assertThat(SpanMeter.total(runs)).isEqualTo(units("1.3333").plus(units("0.3000")));
    }

    @Test
    void aResourceStartedAndStoppedInOneInstantOwesItsRunningSpanAndNoStoppedSpanAtTheSameStart() {
        var history = List.of(new StateChange(ResourceState.RUNNING, TEN, "p", ""),
                new StateChange(ResourceState.STOPPED, TEN, "p", ""));

        assertThat(SpanMeter.owed(SpanMeter.periods(history), List.of(KEPT_DISK), TEN)).singleElement()
                .satisfies(run -> assertThat(run.running()).isTrue());
        var later = SpanMeter.owed(SpanMeter.periods(history), List.of(KEPT_DISK), TEN.plusSeconds(61));
        assertThat(later).extracting(SpanMeter.Run::start).as("one span per start").containsExactly(TEN,
                TEN.plusSeconds(60));
        assertThat(SpanMeter.total(later)).isEqualTo(units("0.6667").plus(units("0.1000")));
    }

    @Test
    void aResourceStoppedTheInstantItStartedStillOwesItsFirstSpan() {
        assertThat(owed(ranFor(Duration.ZERO), List.of(VM), TEN.plusSeconds(3600))).isEqualTo(units("0.6667"));
    }

    @Test
    void whatIsOwedNeverShrinksWhenARunningPeriodIsClosedAtTheMomentItWasMetered() {
        var open = List.of(new StateChange(ResourceState.RUNNING, TEN, "p", ""));
        var meteredAt = TEN.plusSeconds(120);
        var closedThen = List.of(new StateChange(ResourceState.RUNNING, TEN, "p", ""),
                new StateChange(ResourceState.SUSPENDED, meteredAt, "p", ""));
        assertThat(owed(closedThen, List.of(VM), meteredAt.plusSeconds(600))).isEqualTo(owed(open, List.of(VM), meteredAt));
    }

    @Test
    void startedStoppedAndStartedInOneInstantIsOneFirstSpan() {
        var history = List.of(new StateChange(ResourceState.RUNNING, TEN, "p", ""),
                new StateChange(ResourceState.STOPPED, TEN, "p", ""), new StateChange(ResourceState.RUNNING, TEN, "p", ""));
        var runs = SpanMeter.owed(SpanMeter.periods(history), List.of(VM), TEN.plusSeconds(30));
        assertThat(runs).singleElement().satisfies(run -> assertThat(run.count()).isEqualTo(1));
    }

    @Test
    void restartingStartsAFreshFirstSpan() {
        var history = List.of(new StateChange(ResourceState.RUNNING, TEN, "p", ""),
                new StateChange(ResourceState.STOPPED, TEN.plusSeconds(10), "p", ""),
                new StateChange(ResourceState.RUNNING, TEN.plusSeconds(20), "p", ""),
                new StateChange(ResourceState.DELETED, TEN.plusSeconds(30), "p", ""));
        assertThat(owed(history, List.of(VM), TEN.plusSeconds(3600))).isEqualTo(units("1.3334"));
    }
}
