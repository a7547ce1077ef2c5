package org.burnrate.budget;

import java.time.LocalDate;

import org.burnrate.base.ConsumptionUnits;
import org.jspecify.annotations.Nullable;

public record GroupView(long id, String name, String description, long adminBudgetId, long ownerUserId,
        String ownerName, @Nullable LocalDate startDate, @Nullable LocalDate endDate,
        ConsumptionUnits defaultAllocation, boolean overcommit, BudgetSummary budget) {
}
