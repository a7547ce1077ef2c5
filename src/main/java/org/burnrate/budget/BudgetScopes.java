package org.burnrate.budget;

import org.burnrate.base.NotFoundException;
import org.burnrate.security.CurrentUser;
import org.burnrate.security.Roles;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The scope rules, used in {@code @PreAuthorize} expressions as {@code @budgetScopes}. A group the
 * caller may not even see answers "not found", so nobody learns what others own; a group they may
 * see but not change answers "forbidden".
 */
@Component("budgetScopes")
@Transactional(readOnly = true)
public class BudgetScopes {

    private final BudgetGroupRepository groups;
    private final GroupAdminBudgetRepository adminBudgets;
    private final MembershipRepository memberships;
    private final CurrentUser currentUser;

    BudgetScopes(BudgetGroupRepository groups, GroupAdminBudgetRepository adminBudgets,
            MembershipRepository memberships, CurrentUser currentUser) {
        this.groups = groups;
        this.adminBudgets = adminBudgets;
        this.memberships = memberships;
        this.currentUser = currentUser;
    }

    public boolean canSeeGroup(long groupId) {
        var group = visibleGroup(groupId);
        return group != null;
    }

    public boolean canEditGroup(long groupId) {
        var group = visibleGroup(groupId);
        return isSystemAdmin() || owns(group);
    }

    public boolean canManageMembers(long groupId) {
        var group = visibleGroup(groupId);
        return isSystemAdmin() || owns(group) || roleIn(group) == MemberRole.MANAGER;
    }

    public boolean canManageMembership(long membershipId) {
        var membership = memberships.findById(membershipId).filter(m -> !m.isRemoved())
                .orElseThrow(() -> new NotFoundException("There is no membership with id " + membershipId + "."));
        return canManageMembers(membership.groupId());
    }

    /**
     * Who may read an account's ledger lines: system admins any; a group admin their own budget,
     * their groups and their groups' members; a manager their group's members; a member their own.
     * Anything else is "not found".
     */
    public boolean canSeeAccount(long accountId) {
        if (isSystemAdmin()) {
            return true;
        }
        long me = currentUser.require().id();
        var adminBudget = adminBudgets.findByAccountId(accountId);
        if (adminBudget.isPresent() && adminBudget.get().userId() == me) {
            return true;
        }
        var group = groups.findByAccountId(accountId);
        if (group.isPresent() && !group.get().isDeleted() && owns(group.get())) {
            return true;
        }
        var membership = memberships.findByAccountId(accountId);
        if (membership.isPresent()) {
            if (membership.get().userId() == me) {
                return true;
            }
            var itsGroup = groups.findById(membership.get().groupId()).filter(g -> !g.isDeleted());
            if (itsGroup.isPresent() && (owns(itsGroup.get()) || roleIn(itsGroup.get()) == MemberRole.MANAGER)) {
                return true;
            }
        }
        throw new NotFoundException("There is no account with id " + accountId + ".");
    }

    boolean isSystemAdmin() {
        return currentUser.hasRole(Roles.SYSTEM_ADMIN);
    }

    /** The group, or "not found" when it does not exist or the caller has nothing to do with it. */
    BudgetGroup visibleGroup(long groupId) {
        var group = groups.findById(groupId).filter(g -> !g.isDeleted())
                .orElseThrow(() -> new NotFoundException("There is no group with id " + groupId + "."));
        if (isSystemAdmin() || owns(group) || roleIn(group) != null) {
            return group;
        }
        throw new NotFoundException("There is no group with id " + groupId + ".");
    }

    boolean owns(BudgetGroup group) {
        return currentUser.get().flatMap(user -> adminBudgets.findById(group.adminBudgetId())
                .map(budget -> budget.userId() == user.id())).orElse(false);
    }

    @Nullable MemberRole roleIn(BudgetGroup group) {
        return currentUser.get().flatMap(user -> memberships.findByGroupIdAndUserId(group.id(), user.id()))
                .filter(m -> !m.isRemoved()).map(Membership::role).orElse(null);
    }
}
