package org.burnrate.budget.ui;

import java.time.LocalDate;

import org.burnrate.base.ui.Dates;
import org.burnrate.budget.MemberRole;
import org.jspecify.annotations.Nullable;

/** How budget things read on screen, the same in every view. */
final class BudgetTexts {

    private BudgetTexts() {
    }

    static String period(@Nullable LocalDate start, @Nullable LocalDate end) {
        if (start == null && end == null) {
            return "No end date";
        }
        if (start == null) {
            return "until " + Dates.day(end);
        }
        if (end == null) {
            return "from " + Dates.day(start);
        }
        return Dates.day(start) + " – " + Dates.day(end);
    }

    static String role(MemberRole role) {
        return switch (role) {
            case MEMBER -> "Member";
            case MANAGER -> "Manager";
        };
    }
}
