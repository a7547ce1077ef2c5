package org.burnrate.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.Locale;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;

/**
 * What one consumption unit is worth, in which currency, from when: one effective-dated version.
 * Versions are never edited; a new one takes over from its {@code effectiveFrom}.
 */
public record UnitValue(long id, Currency currency, BigDecimal valuePerUnit, Instant effectiveFrom, String setBy) {

    /** Money carries six places for the value of a unit, and the currency's own places for amounts. */
    public static final int VALUE_SCALE = 6;
    static final BigDecimal MAX_VALUE = new BigDecimal("1000000");

    /** The value of {@code units} in this currency, rounded half-up to the currency's minor unit. */
    public BigDecimal valueOf(ConsumptionUnits units) {
        int places = Math.max(currency.getDefaultFractionDigits(), 0);
        return units.value().multiply(valuePerUnit).setScale(places, RoundingMode.HALF_UP);
    }

    static Currency currency(String code) {
        String normalized = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        try {
            if (!normalized.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException();
            }
            return Currency.getInstance(normalized);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("currency", "'" + code + "' is not an ISO 4217 currency code such as "
                    + "EUR, USD or CHF.");
        }
    }

    static BigDecimal value(BigDecimal value) {
        if (value.signum() <= 0) {
            throw new InvalidInputException("unitValue", "The value of one unit must be more than zero.");
        }
        if (value.stripTrailingZeros().scale() > VALUE_SCALE) {
            throw new InvalidInputException("unitValue", "The value of one unit has at most " + VALUE_SCALE
                    + " decimal places.");
        }
        if (value.compareTo(MAX_VALUE) > 0) {
            throw new InvalidInputException("unitValue", "The value of one unit is at most " + MAX_VALUE.toPlainString()
                    + ".");
        }
        return value.setScale(VALUE_SCALE, RoundingMode.UNNECESSARY);
    }
}
