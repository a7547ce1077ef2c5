package org.burnrate.provisioning;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.catalog.RateVersion;
import org.jspecify.annotations.Nullable;

/**
 * What a resource owes, computed from its confirmed state history alone: running (or, at the
 * stopped rate, stopped) time is cut into minimum spans from the moment each period began; every
 * started span is owed in full; each span is priced at the rate version in force at its start. A
 * running span paid in full covers its whole length: stopped time within it costs nothing more, and
 * stopped spans begin where it ends.
 * Consecutive spans of one period at one version form a {@link Run}, whose total is computed once
 * from the exact rate and rounded once. The same input always gives the same answer, which is what
 * lets the debit job write only the difference between what is owed and what is already written.
 */
public final class SpanMeter {

    /** A stretch of one state: running, or stopped (billed at the stopped rate). Open when {@code to} is null. */
    public record Period(Instant from, @Nullable Instant to, boolean running) {
    }

    /**
     * {@code count} consecutive spans of {@code spanLength} from {@code start}, at one rate version,
     * owing {@code amount} in all.
     */
    public record Run(Instant start, Duration spanLength, long count, boolean running, RateVersion rate,
            ConsumptionUnits amount) {

        public Instant end() {
            return start.plus(spanLength.multipliedBy(count));
        }

        /** What the first {@code spans} spans of the run owe: the total rounded once, never per span. */
        public ConsumptionUnits owedAfter(long spans) {
            return running ? rate.rate().runningCost(spans) : rate.rate().stoppedCost(spans);
        }
    }

    private SpanMeter() {
    }

    /** The billable periods of a history: RUNNING until the next change, STOPPED likewise. */
    public static List<Period> periods(List<StateChange> history) {
        var periods = new ArrayList<Period>();
        for (int i = 0; i < history.size(); i++) {
            var change = history.get(i);
            var to = i + 1 < history.size() ? history.get(i + 1).at() : null;
            if (to != null && to.equals(change.at()) && supersededAtSameInstant(history, i)) {
                // Ended the instant it began, and a later change of that instant starts a period of its
                // own: one period per instant, as there is one span per (resource, start).
                continue;
            }
            if (change.state() == ResourceState.RUNNING) {
                periods.add(new Period(change.at(), to, true));
            } else if (change.state() == ResourceState.STOPPED) {
                periods.add(new Period(change.at(), to, false));
            }
        }
        return periods;
    }

    private static boolean supersededAtSameInstant(List<StateChange> history, int index) {
        var change = history.get(index);
        for (int j = index + 1; j < history.size() && history.get(j).at().equals(change.at()); j++) {
            var later = history.get(j).state();
            if (later == ResourceState.RUNNING
                    || (later == ResourceState.STOPPED && change.state() == ResourceState.STOPPED)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every run owed at {@code now}: the spans that started before it, and the first span of each
     * period from the moment the period began. A span starting exactly at {@code now} is left to
     * the next run, so that a stop at that same instant (the exhaustion ladder's) finds it unbilled:
     * what is owed can only grow as time passes, which is what lets the debit job write differences.
     */
    public static List<Run> owed(List<Period> periods, List<RateVersion> versions, Instant now) {
        var runs = new ArrayList<Run>();
        var until = now;
        // Where the last running span owed ends: it is paid in full, so a stop within it is billed
        // at the stopped rate only from there on, never twice for the same time (and never a
        // stopped span at the start of a running one, even when both began in one instant).
        Instant paidUntil = null;
        for (var period : periods) {
            var end = period.to() == null || period.to().isAfter(until) ? until : period.to();
            var t = period.from();
            if (!period.running() && paidUntil != null && paidUntil.isAfter(t)) {
                t = paidUntil;
            } else if (!end.isAfter(period.from())) {
                // Confirmed, then ended at the same instant: it still started, so its first span is owed.
                end = period.from().plusNanos(1);
            }
            while (t.isBefore(end)) {
                Optional<RateVersion> version = RateVersion.inForceAt(versions, t);
                var next = nextVersionStart(versions, t);
                if (version.isEmpty()) {
                    if (next == null) {
                        break;
                    }
                    t = next;
                    continue;
                }
                var rate = version.get().rate();
                var span = rate.minimumSpan();
                var limit = next != null && next.isBefore(end) ? next : end;
                long count = spansStartingBefore(t, limit, span);
                boolean billable = period.running() ? rate.burnsWhileRunning() : rate.stoppedUnits().isPositive();
                if (billable) {
                    var amount = period.running() ? rate.runningCost(count) : rate.stoppedCost(count);
                    runs.add(new Run(t, span, count, period.running(), version.get(), amount));
                }
                t = t.plus(span.multipliedBy(count));
                if (billable && period.running()) {
                    paidUntil = t;
                }
            }
        }
        return runs;
    }

    /** The instant a resource is billed up to: now, or the end of its billing when its group ended before. */
    public static Instant billedUntil(@Nullable Instant billingEndsAt, Instant now) {
        return billingEndsAt != null && billingEndsAt.isBefore(now) ? billingEndsAt : now;
    }

    /** The start of the last span the runs owe (they are in time order), or null when they owe none. */
    public static @Nullable Instant lastSpanStart(List<Run> runs) {
        return runs.isEmpty() ? null : runs.getLast().end().minus(runs.getLast().spanLength());
    }

    /** Where the next span after the runs owed at {@code now} starts: the end of the last one, or now. */
    public static Instant nextSpanStart(List<Run> runs, Instant now) {
        return runs.isEmpty() || runs.getLast().end().isBefore(now) ? now : runs.getLast().end();
    }

    public static ConsumptionUnits total(List<Run> runs) {
        return runs.stream().map(Run::amount).reduce(ConsumptionUnits.ZERO, ConsumptionUnits::plus);
    }

    /** The number of spans of {@code span} starting at {@code from}, {@code from + span}, … strictly before {@code limit}. */
    static long spansStartingBefore(Instant from, Instant limit, Duration span) {
        var length = Duration.between(from, limit);
        if (length.isNegative() || length.isZero()) {
            return 0;
        }
        long spanNanos = span.toNanos();
        long nanos = length.toNanos();
        return (nanos + spanNanos - 1) / spanNanos;
    }

    private static @Nullable Instant nextVersionStart(List<RateVersion> versions, Instant after) {
        Instant next = null;
        for (var version : versions) {
            if (version.effectiveFrom().isAfter(after) && (next == null || version.effectiveFrom().isBefore(next))) {
                next = version.effectiveFrom();
            }
        }
        return next;
    }
}
