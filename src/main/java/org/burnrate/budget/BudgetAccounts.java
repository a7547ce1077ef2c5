package org.burnrate.budget;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.burnrate.base.NotFoundException;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
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
    private final JdbcTemplate jdbc;

    BudgetAccounts(BudgetGroupRepository groups, GroupAdminBudgetRepository adminBudgets,
            MembershipRepository memberships, JdbcTemplate jdbc) {
        this.groups = groups;
        this.adminBudgets = adminBudgets;
        this.memberships = memberships;
        this.jdbc = jdbc;
    }

    public GroupAccounts of(long groupId) {
        var group = groups.findById(groupId).filter(g -> !g.isDeleted())
                .orElseThrow(() -> new NotFoundException("There is no group with id " + groupId + "."));
        var admin = adminBudgets.findById(group.adminBudgetId()).orElseThrow();
        return new GroupAccounts(groupId, group.name(), group.accountId(), admin.accountId(), admin.userId(),
                group.endDate());
    }

    /**
     * {@link #of(long)} for several groups at once, in one query with the ids bound as one array;
     * groups that do not exist or are deleted are left out.
     */
    public Map<Long, GroupAccounts> of(Collection<Long> groupIds) {
        Map<Long, GroupAccounts> found = new HashMap<>();
        jdbc.query("""
                select g.id, g.name, g.ledger_account_id, a.ledger_account_id, a.user_id, g.end_date
                from budget_group g join group_admin_budget a on a.id = g.admin_budget_id
                where g.id = any(?) and g.deleted_at is null""", (RowCallbackHandler) row -> found.put(row.getLong(1),
                new GroupAccounts(row.getLong(1), row.getString(2), row.getLong(3), row.getLong(4), row.getLong(5),
                        row.getObject(6, LocalDate.class))), (Object) groupIds.toArray(Long[]::new));
        return found;
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
