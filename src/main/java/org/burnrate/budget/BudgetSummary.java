package org.burnrate.budget;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.ledger.Balance;
import org.jspecify.annotations.Nullable;

/** The budget summary every screen and endpoint shows for a budget holder. */
public record BudgetSummary(long accountId, ConsumptionUnits allocated, ConsumptionUnits allocatedToChildren,
        ConsumptionUnits consumed, ConsumptionUnits held, @Nullable ConsumptionUnits available,
        @Nullable ConsumptionUnits unallocated, boolean overcommit) {

    static BudgetSummary of(Balance balance) {
        return new BudgetSummary(balance.accountId(), balance.allocated(), balance.allocatedToChildren(),
                balance.consumed(), balance.held(), balance.available(), balance.unallocated(), balance.overcommit());
    }
}
