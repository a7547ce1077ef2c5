package org.burnrate.budget.api;

import java.util.List;

import org.burnrate.budget.MembershipService;
import org.burnrate.organization.MembershipDirectory;
import org.springframework.stereotype.Component;

/** The caller's memberships in {@code GET /api/v1/me}, each with its budget summary. */
@Component
class MeMemberships implements MembershipDirectory {

    private final MembershipService members;

    MeMemberships(MembershipService members) {
        this.members = members;
    }

    @Override
    public List<?> membershipsOfCurrentUser() {
        return members.myMemberships().stream().map(BudgetJson.Member::of).toList();
    }
}
