package org.burnrate.budget;

import java.time.LocalDate;
import java.util.Optional;

import org.burnrate.base.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which ledger accounts a group's spending goes through, for the modules that spend (provisioning,
 * metering). A domain component: its callers are services that have already checked scope.
 */
@Component
@Transactional(readOnly = true)
public class BudgetAccounts {

    /** The accounts above a group's members, and who owns the group. */
    public record GroupAccounts(long groupId, String groupName, long groupAccountId, long adminAccountId,
            long ownerUserId, @Nullable LocalDate endDate) {
    }

    private final BudgetGroupRepository groups;
    private final GroupAdminBudgetRepository adminBudgets;
    private final MembershipRepository memberships;

    BudgetAccounts(BudgetGroupRepository groups, GroupAdminBudgetRepository adminBudgets,
            MembershipRepository memberships) {
        this.groups = groups;
        this.adminBudgets = adminBudgets;
        this.memberships = memberships;
    }

    public GroupAccounts of(long groupId) {
        var group = groups.findById(groupId).filter(g -> !g.isDeleted())
                .orElseThrow(() -> new NotFoundException("There is no group with id " + groupId + "."));
        var admin = adminBudgets.findById(group.adminBudgetId()).orElseThrow();
        return new GroupAccounts(groupId, group.name(), group.accountId(), admin.accountId(), admin.userId(),
                group.endDate());
    }

    /** The group's name, also once it is deleted (its resources' history still names it). */
    public String groupName(long groupId) {
        return groups.findById(groupId).map(BudgetGroup::name).orElse("group " + groupId);
    }

    /** The member's allocation account in the group, if they are a member. */
    public Optional<Long> memberAccount(long groupId, long userId) {
        return memberships.findByGroupIdAndUserId(groupId, userId).filter(m -> !m.isRemoved())
                .map(Membership::accountId);
    }

    public boolean isMember(long groupId, long userId) {
        return memberAccount(groupId, userId).isPresent();
    }

    public boolean ownsGroup(long groupId, long userId) {
        return groups.findById(groupId).filter(g -> !g.isDeleted())
                .flatMap(g -> adminBudgets.findById(g.adminBudgetId())).map(b -> b.userId() == userId).orElse(false);
    }
}
