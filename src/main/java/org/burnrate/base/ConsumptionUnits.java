package org.burnrate.base;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.jspecify.annotations.Nullable;

/**
 * An exact amount of consumption units: a decimal with exactly {@value #SCALE} places. Rounding
 * happens in one place, {@link #rounded(BigDecimal)}, half-up; input with more places than that is
 * refused rather than rounded, so nobody's budget changes by a rounding they did not see.
 */
public final class ConsumptionUnits implements Comparable<ConsumptionUnits> {

    public static final int SCALE = 4;
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;
    /** Larger amounts are typing mistakes, not budgets; it also keeps every sum inside NUMERIC(19,4). */
    public static final BigDecimal MAX = new BigDecimal("1000000000000");
    public static final ConsumptionUnits ZERO = new ConsumptionUnits(BigDecimal.ZERO);

    private final BigDecimal value;

    private ConsumptionUnits(BigDecimal value) {
        this.value = value.setScale(SCALE, ROUNDING);
    }

    /** The one rounding rule of the portal: to {@value #SCALE} places, half-up. */
    public static ConsumptionUnits rounded(BigDecimal exact) {
        return new ConsumptionUnits(exact);
    }

    /**
     * {@code dividend / divisor} rounded by the same rule, once: the exact quotient may not end
     * (40 units × 60 s / 3600 s), so it is rounded straight from the division, never from an
     * intermediate approximation.
     */
    public static ConsumptionUnits quotient(BigDecimal dividend, BigDecimal divisor) {
        return new ConsumptionUnits(dividend.divide(divisor, SCALE, ROUNDING));
    }

    /** An amount given by a person or a client: at most 4 decimal places, at most {@link #MAX} in size. */
    public static ConsumptionUnits of(BigDecimal amount) {
        if (amount.stripTrailingZeros().scale() > SCALE) {
            throw new InvalidInputException("'" + amount.toPlainString() + "' has more than " + SCALE
                    + " decimal places; consumption units are counted to 0.0001.");
        }
        if (amount.abs().compareTo(MAX) > 0) {
            throw new InvalidInputException("'" + amount.toPlainString() + "' is too large; amounts go up to "
                    + MAX.toPlainString() + " units.");
        }
        return new ConsumptionUnits(amount);
    }

    public static ConsumptionUnits of(long units) {
        return of(BigDecimal.valueOf(units));
    }

    /** Parses user input such as "48", "12.5" or "0.0001". */
    public static ConsumptionUnits parse(@Nullable String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException("An amount of units is required, for example 100 or 12.5.");
        }
        try {
            return of(new BigDecimal(trimmed));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("'" + trimmed + "' is not a number of units; write it like 100 or 12.5.");
        }
    }

    /** Like {@link #parse} or {@link #of}, and refuses negative amounts (and zero unless allowed). */
    public static ConsumptionUnits positive(BigDecimal amount, boolean zeroAllowed) {
        var units = of(amount);
        if (units.isNegative() || (!zeroAllowed && units.isZero())) {
            throw new InvalidInputException("'" + amount.toPlainString() + "' is not allowed here: the amount must be "
                    + (zeroAllowed ? "zero or more." : "more than zero."));
        }
        return units;
    }

    public BigDecimal value() {
        return value;
    }

    public ConsumptionUnits plus(ConsumptionUnits other) {
        return new ConsumptionUnits(value.add(other.value));
    }

    public ConsumptionUnits minus(ConsumptionUnits other) {
        return new ConsumptionUnits(value.subtract(other.value));
    }

    public ConsumptionUnits negate() {
        return new ConsumptionUnits(value.negate());
    }

    public ConsumptionUnits max(ConsumptionUnits other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public ConsumptionUnits min(ConsumptionUnits other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public boolean isZero() {
        return value.signum() == 0;
    }

    public boolean isNegative() {
        return value.signum() < 0;
    }

    public boolean isPositive() {
        return value.signum() > 0;
    }

    public boolean exceeds(ConsumptionUnits other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(ConsumptionUnits other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ConsumptionUnits units && value.equals(units.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Always four places, as the API shows amounts: "48.0000". */
    @Override
    public String toString() {
        return value.toPlainString();
    }
}
