package org.burnrate.catalog.ui;

import java.util.Optional;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.catalog.UnitValue;
import org.springframework.modulith.NamedInterface;

/**
 * Units with their money value beside them, "48.0000 units (2.40 EUR)", the same in every view.
 * Units stay the primary figure; the money is what the unit value in force makes of them, and is
 * left out while no currency is set.
 */
@NamedInterface("money-text")
public final class MoneyText {

    private MoneyText() {
    }

    /** "48.0000 units (2.40 EUR)", or "48.0000 units" when no unit value is given. */
    public static String of(ConsumptionUnits units, Optional<UnitValue> unitValue) {
        return unitValue.map(value -> units + " units (" + money(units, value) + ")").orElse(units + " units");
    }

    /** "2.40 EUR": the units valued at {@code unitValue}, in the currency's minor unit. */
    public static String money(ConsumptionUnits units, UnitValue unitValue) {
        return unitValue.valueOf(units).toPlainString() + " " + unitValue.currency().getCurrencyCode();
    }
}
