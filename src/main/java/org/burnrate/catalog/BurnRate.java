package org.burnrate.catalog;

import java.math.BigDecimal;
import java.time.Duration;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * What a resource costs: {@code units} per {@code per} while running, {@code stoppedUnits} per
 * {@code per} while stopped, charged in whole started spans of {@code minimumSpan}, up front; or
 * {@code unitsPerOperation} for per-operation billing.
 * <p>
 * What a run of spans owes is computed from the exact rate and rounded once
 * ({@link ConsumptionUnits#quotient}): 60 one-minute spans at 40 units per hour cost 40.0000,
 * not 60 × 0.6667.
 */
public record BurnRate(ConsumptionUnits units, Duration per, Duration minimumSpan, ConsumptionUnits stoppedUnits,
        ConsumptionUnits unitsPerOperation) {

    public static final Duration SHORTEST_SPAN = Duration.ofSeconds(1);
    public static final Duration LONGEST_SPAN = Duration.ofDays(31);
    public static final Duration LONGEST_PER = Duration.ofDays(366);
    /** A quote counts at most this far ahead; a budget that lasts longer is simply reported as lasting this long. */
    public static final Duration LONGEST_REPORTED = Duration.ofDays(36_600);
    private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);

    public BurnRate {
        if (units.isNegative() || stoppedUnits.isNegative() || unitsPerOperation.isNegative()) {
            throw new InvalidInputException("units", "Rates cannot be negative; use 0 for a resource that burns nothing.");
        }
        if (per.isNegative() || per.isZero() || per.getNano() != 0 || per.compareTo(LONGEST_PER) > 0) {
            throw new InvalidInputException("per", "A rate is given per whole seconds, from PT1S to P366D, "
                    + "for example PT1H for units per hour; " + per + " is not accepted.");
        }
        if (minimumSpan.compareTo(SHORTEST_SPAN) < 0 || minimumSpan.getNano() != 0
                || minimumSpan.compareTo(LONGEST_SPAN) > 0) {
            throw new InvalidInputException("minimumSpan", "The minimum billable span is from PT1S (1 second) to "
                    + "P31D (31 days), in whole seconds; " + minimumSpan + " is not accepted.");
        }
    }

    /** A time-billed rate: {@code units} per {@code per}, nothing while stopped. */
    public static BurnRate running(ConsumptionUnits units, Duration per, Duration minimumSpan) {
        return new BurnRate(units, per, minimumSpan, ConsumptionUnits.ZERO, ConsumptionUnits.ZERO);
    }

    /** What {@code spans} consecutive minimum spans of running cost, rounded once. */
    public ConsumptionUnits runningCost(long spans) {
        return cost(units, spans);
    }

    /** What {@code spans} consecutive minimum spans of being stopped cost, rounded once. */
    public ConsumptionUnits stoppedCost(long spans) {
        return cost(stoppedUnits, spans);
    }

    /** The hold placed when a resource starts: one minimum span of running. */
    public ConsumptionUnits minimumCharge() {
        return runningCost(1);
    }

    public ConsumptionUnits unitsPerHour() {
        return ConsumptionUnits.quotient(units.value().multiply(SECONDS_PER_HOUR), BigDecimal.valueOf(per.toSeconds()));
    }

    public boolean burnsWhileRunning() {
        return units.isPositive();
    }

    /**
     * How long {@code available} units keep a resource running: the whole spans they pay for, since
     * each span is charged in full at its start. Null when the rate is zero (it lasts indefinitely)
     * or nothing is limited; zero when not even one span is covered.
     */
    public @Nullable Duration lastsFor(@Nullable ConsumptionUnits available) {
        if (available == null || !burnsWhileRunning()) {
            return null;
        }
        if (!available.isPositive()) {
            return Duration.ZERO;
        }
        long maxSpans = LONGEST_REPORTED.toSeconds() / minimumSpan.toSeconds();
        // Estimate from the exact rate, then correct for rounding by looking at the neighbours.
        long spans = available.value().multiply(BigDecimal.valueOf(per.toSeconds()))
                .divide(units.value().multiply(BigDecimal.valueOf(minimumSpan.toSeconds())), 0,
                        java.math.RoundingMode.FLOOR)
                .min(BigDecimal.valueOf(maxSpans)).longValueExact();
        while (spans < maxSpans && !runningCost(spans + 1).exceeds(available)) {
            spans++;
        }
        while (spans > 0 && runningCost(spans).exceeds(available)) {
            spans--;
        }
        return minimumSpan.multipliedBy(spans);
    }

    private ConsumptionUnits cost(ConsumptionUnits perUnit, long spans) {
        if (spans < 0) {
            throw new IllegalArgumentException("spans must not be negative");
        }
        var seconds = BigDecimal.valueOf(minimumSpan.toSeconds()).multiply(BigDecimal.valueOf(spans));
        return ConsumptionUnits.quotient(perUnit.value().multiply(seconds), BigDecimal.valueOf(per.toSeconds()));
    }
}
