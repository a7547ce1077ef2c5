package org.burnrate.budget;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

public record GroupAdminView(long id, long userId, String email, String displayName, @Nullable LocalDate periodStart,
        @Nullable LocalDate periodEnd, BudgetSummary budget) {
}
