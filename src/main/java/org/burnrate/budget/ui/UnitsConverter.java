package org.burnrate.budget.ui;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.jspecify.annotations.Nullable;

import com.vaadin.flow.data.binder.Result;
import com.vaadin.flow.data.binder.ValueContext;
import com.vaadin.flow.data.converter.Converter;

/**
 * Reads an amount of units typed into a text field with {@link ConsumptionUnits#parse}, so the
 * field shows the same message the API would give. Negative amounts are refused here already.
 */
final class UnitsConverter implements Converter<String, @Nullable ConsumptionUnits> {

    private final boolean emptyAllowed;

    private UnitsConverter(boolean emptyAllowed) {
        this.emptyAllowed = emptyAllowed;
    }

    static UnitsConverter required() {
        return new UnitsConverter(false);
    }

    /** Empty input means "not given" (null): unlimited, or the group's default. */
    static UnitsConverter optional() {
        return new UnitsConverter(true);
    }

    @Override
    public Result<@Nullable ConsumptionUnits> convertToModel(@Nullable String text, ValueContext context) {
        if (emptyAllowed && (text == null || text.isBlank())) {
            return Result.ok(null);
        }
        try {
            var units = ConsumptionUnits.parse(text);
            if (units.isNegative()) {
                return Result.error("An amount cannot be negative; write 0 or more.");
            }
            return Result.ok(units);
        } catch (InvalidInputException e) {
            return Result.error(e.getMessage());
        }
    }

    @Override
    public String convertToPresentation(@Nullable ConsumptionUnits units, ValueContext context) {
        return units == null ? "" : plain(units);
    }

    /** "100" rather than "100.0000" in an input the user edits; exact, never rounded. */
    static String plain(ConsumptionUnits units) {
        return units.value().stripTrailingZeros().toPlainString();
    }
}
