package org.burnrate.catalog;

import java.time.Duration;
import java.util.List;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;

/**
 * The exhaustion ladder of a template: warn when consumption crosses each threshold (percent of a
 * level's allocation), then allow a grace amount or period, then apply the action.
 */
public record ExhaustionPolicy(List<Integer> warnAt, ConsumptionUnits graceUnits, Duration gracePeriod,
        ExhaustionAction action) {

    public static final ExhaustionPolicy DEFAULT = new ExhaustionPolicy(List.of(50, 80, 95), ConsumptionUnits.ZERO,
            Duration.ZERO, ExhaustionAction.STOP);

    public ExhaustionPolicy {
        warnAt = warnAt.stream().distinct().sorted().toList();
        for (int threshold : warnAt) {
            if (threshold < 1 || threshold > 100) {
                throw new InvalidInputException("exhaustion.warnAt",
                        "Warning thresholds are percentages from 1 to 100; " + threshold + " is not.");
            }
        }
        if (warnAt.size() > 10) {
            throw new InvalidInputException("exhaustion.warnAt", "At most 10 warning thresholds, please.");
        }
        if (graceUnits.isNegative()) {
            throw new InvalidInputException("exhaustion.graceUnits", "The grace amount cannot be negative.");
        }
        if (gracePeriod.isNegative() || gracePeriod.compareTo(Duration.ofDays(31)) > 0) {
            throw new InvalidInputException("exhaustion.gracePeriod",
                    "The grace period runs from PT0S to P31D; " + gracePeriod + " is outside that.");
        }
    }

    /** The thresholds as stored, "50,80,95". */
    String warnAtText() {
        return String.join(",", warnAt.stream().map(String::valueOf).toList());
    }

    static List<Integer> parseWarnAt(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(text.split(",")).map(String::strip).map(Integer::valueOf).toList();
    }
}
