package org.burnrate.base;

import java.math.BigDecimal;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import org.jspecify.annotations.Nullable;

/** Stores {@link ConsumptionUnits} as NUMERIC(19,4). */
@Converter(autoApply = true)
public class ConsumptionUnitsConverter implements AttributeConverter<ConsumptionUnits, BigDecimal> {

    @Override
    public @Nullable BigDecimal convertToDatabaseColumn(@Nullable ConsumptionUnits units) {
        return units == null ? null : units.value();
    }

    @Override
    public @Nullable ConsumptionUnits convertToEntityAttribute(@Nullable BigDecimal value) {
        return value == null ? null : ConsumptionUnits.rounded(value);
    }
}
