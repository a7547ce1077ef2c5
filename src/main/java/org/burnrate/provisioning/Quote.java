package org.burnrate.provisioning;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.catalog.RateVersion;
import org.jspecify.annotations.Nullable;

/**
 * What starting a resource from a template costs and how long each budget level lasts at its rate.
 * {@code allowed} is false, with a reason, when the hold for the minimum span would be refused.
 */
public record Quote(long templateId, String templateName, @Nullable RateVersion rateVersion,
        @Nullable Duration minimumSpan, ConsumptionUnits minimumCharge, ConsumptionUnits unitsPerHour,
        @Nullable String currency, @Nullable BigDecimal minimumChargeInCurrency, List<Level> levels, boolean allowed,
        @Nullable String reason) {

    public enum LevelKind {
        MEMBER, GROUP, GROUP_ADMIN, ORGANIZATION
    }

    /** One budget level: what it has available (null: unlimited) and how long that lasts (null: indefinitely). */
    public record Level(LevelKind level, String name, @Nullable ConsumptionUnits available,
            @Nullable Duration lastsFor) {
    }
}
