package org.burnrate.base;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/** Reading API request fields into domain values, with messages that name the field and show what is accepted. */
public final class ApiInput {

    private ApiInput() {
    }

    public static @Nullable ConsumptionUnits units(String field, @Nullable BigDecimal value) {
        if (value == null) {
            return null;
        }
        try {
            return ConsumptionUnits.of(value);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(field, field + ": " + e.getMessage());
        }
    }

    public static ConsumptionUnits units(String field, @Nullable BigDecimal value, ConsumptionUnits absent) {
        var units = units(field, value);
        return units == null ? absent : units;
    }

    public static ConsumptionUnits requiredUnits(String field, @Nullable BigDecimal value) {
        var units = units(field, value);
        if (units == null) {
            throw new InvalidInputException(field, field + " is required, for example \"40\".");
        }
        return units;
    }

    /** An ISO 8601 duration such as PT1H, PT1M or P1D. */
    public static @Nullable Duration duration(String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Duration.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, field + ": '" + text + "' is not an ISO 8601 duration; write it like "
                    + "PT1M (a minute), PT2H (two hours) or P1D (a day).");
        }
    }

    public static Duration requiredDuration(String field, @Nullable String text) {
        var duration = duration(field, text);
        if (duration == null) {
            throw new InvalidInputException(field, field + " is required, as an ISO 8601 duration such as PT1H.");
        }
        return duration;
    }

    public static @Nullable String text(@Nullable Object value) {
        return value == null ? null : value.toString();
    }
}
