package org.burnrate.budget;

public record MemberView(long id, long groupId, String groupName, long userId, String email, String displayName,
        MemberRole role, BudgetSummary budget) {
}
