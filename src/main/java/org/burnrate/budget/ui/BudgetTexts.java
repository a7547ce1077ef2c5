package org.burnrate.budget.ui;

import java.time.LocalDate;

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
            return "until " + end;
        }
        if (end == null) {
            return "from " + start;
        }
        return start + " – " + end;
    }

    static String role(MemberRole role) {
        return switch (role) {
            case MEMBER -> "Member";
            case MANAGER -> "Manager";
        };
    }
}
