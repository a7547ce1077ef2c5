package org.burnrate.budget;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.burnrate.audit.AuditLog;
import org.burnrate.base.ConflictException;
import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.NotFoundException;
import org.burnrate.ledger.Ledger;
import org.burnrate.ledger.LineType;
import org.burnrate.organization.People;
import org.burnrate.security.Roles;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Time-bound budgets: which groups and group-admin budgets end soon or have ended, and ending them.
 * A group's end date and a budget's period end are their last days (UTC); from the day after, the
 * unused remainder is reclaimed with EXPIRY lines: members' unused allocations to the group, the
 * group's to its admin, and at a period end the admin's to the organization pool. What was consumed
 * stays consumed. Each ends once; ending again changes nothing. Stopping what still runs first is
 * the caller's part (the expiry job): the ledger refuses to reclaim while anything holds units.
 */
@Service
@Transactional
public class BudgetExpiry {

    /** A group that ends, and who hears about it: its members (managers included) and its admin. */
    public record EndingGroup(long groupId, String name, LocalDate endDate, long ownerUserId,
            List<Long> memberUserIds) {
    }

    /** A group-admin budget whose period ends, with the groups it funds. */
    public record EndingAdminBudget(long adminBudgetId, long userId, String displayName, LocalDate periodEnd,
            List<Long> groupIds) {
    }

    /** What ending a group did: {@code returned} units went back to its admin's budget. */
    public record GroupEnded(EndingGroup group, ConsumptionUnits returned) {
    }

    /**
     * What ending a group-admin budget did: the groups it still funded ended with it (each returning
     * its remainder to the admin), then {@code returned} units went back to the organization pool.
     */
    public record AdminBudgetEnded(EndingAdminBudget budget, List<GroupEnded> groupsEnded, ConsumptionUnits returned) {
    }

    private final BudgetGroupRepository groups;
    private final GroupAdminBudgetRepository adminBudgets;
    private final MembershipRepository memberships;
    private final Ledger ledger;
    private final People people;
    private final Clock clock;
    private final AuditLog audit;

    BudgetExpiry(BudgetGroupRepository groups, GroupAdminBudgetRepository adminBudgets,
            MembershipRepository memberships, Ledger ledger, People people, Clock clock, AuditLog audit) {
        this.groups = groups;
        this.adminBudgets = adminBudgets;
        this.memberships = memberships;
        this.ledger = ledger;
        this.people = people;
        this.clock = clock;
        this.audit = audit;
    }

    /** Groups not yet ended (nor deleted) whose last day is {@code lastDay} or earlier, earliest first. */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    @Transactional(readOnly = true)
    public List<EndingGroup> groupsEndingBy(LocalDate lastDay) {
        return groups.endingBy(lastDay).stream().map(g -> ending(g, Objects.requireNonNull(g.endDate()))).toList();
    }

    /** Group-admin budgets not yet ended (nor removed) whose period's last day is {@code lastDay} or earlier. */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    @Transactional(readOnly = true)
    public List<EndingAdminBudget> adminBudgetsEndingBy(LocalDate lastDay) {
        return adminBudgets.endingBy(lastDay).stream().map(b -> ending(b, Objects.requireNonNull(b.periodEnd()))).toList();
    }

    /**
     * Ends a group after its last day: every unused unit returns, members' to the group and the
     * group's to its admin; the members stay, to see what they used. Refused before the end date,
     * and while a resource still holds units.
     *
     * @return what was done, or empty when the group had already ended or was deleted
     */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public Optional<GroupEnded> expireGroup(long groupId) {
        var group = groups.findById(groupId)
                .orElseThrow(() -> new NotFoundException("There is no group with id " + groupId + "."));
        if (group.isEnded() || group.isDeleted()) {
            return Optional.empty();
        }
        var endDate = group.endDate();
        if (endDate == null || !today().isAfter(endDate)) {
            throw new ConflictException("The group '" + group.name() + "' runs "
                    + (endDate == null ? "without an end date" : "until the end of " + endDate) + "; it has not ended.");
        }
        return Optional.of(end(group, endDate, "Group '" + group.name() + "' ended (its last day was " + endDate + ")"));
    }

    /**
     * Ends a group-admin budget after its period's last day: the groups it funds end too, then every
     * unused unit returns to the organization pool. Refused before the period's end, and while a
     * resource still holds units.
     *
     * @return what was done, or empty when the budget had already ended or was removed
     */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public Optional<AdminBudgetEnded> expireAdminBudget(long adminBudgetId) {
        var budget = adminBudgets.findById(adminBudgetId)
                .orElseThrow(() -> new NotFoundException("There is no group admin with id " + adminBudgetId + "."));
        if (budget.isEnded() || budget.isRemoved()) {
            return Optional.empty();
        }
        var periodEnd = budget.periodEnd();
        if (periodEnd == null || !today().isAfter(periodEnd)) {
            throw new ConflictException("The group-admin budget " + adminBudgetId + " runs "
                    + (periodEnd == null ? "without a period end" : "until the end of " + periodEnd)
                    + "; it has not ended.");
        }
        var ending = ending(budget, periodEnd);
        String reason = "Budget period of " + ending.displayName() + " ended (its last day was " + periodEnd + ")";
        List<GroupEnded> groupsEnded = new ArrayList<>();
        for (var group : groups.findByAdminBudgetIdAndDeletedAtIsNullOrderByName(adminBudgetId)) {
            if (!group.isEnded()) {
                groupsEnded.add(end(group, periodEnd, "Group '" + group.name() + "' ended: " + reason));
            }
        }
        var returned = ledger.reclaimUnused(budget.accountId(), LineType.EXPIRY, reason);
        budget.end(clock.instant());
        audit.record("Group-admin budget period ended", "group admin " + budget.id(), "period until " + periodEnd,
                "ended; " + returned + " units returned to the pool");
        return Optional.of(new AdminBudgetEnded(ending, List.copyOf(groupsEnded), returned));
    }

    /** {@code lastDay}: the group's own end date, or its admin's period end when that comes first. */
    private GroupEnded end(BudgetGroup group, LocalDate lastDay, String reason) {
        var ending = ending(group, lastDay);
        var returned = ledger.reclaimUnused(group.accountId(), LineType.EXPIRY, reason);
        group.end(clock.instant());
        audit.record("Group ended", "group " + group.id() + " '" + group.name() + "'", "until " + group.endDate(),
                "ended; " + returned + " units returned to the group admin");
        return new GroupEnded(ending, returned);
    }

    private EndingGroup ending(BudgetGroup group, LocalDate lastDay) {
        var owner = adminBudgets.findById(group.adminBudgetId()).orElseThrow();
        var members = memberships.findByGroupIdAndRemovedAtIsNull(group.id()).stream().map(Membership::userId)
                .toList();
        return new EndingGroup(group.id(), group.name(), lastDay, owner.userId(), members);
    }

    private EndingAdminBudget ending(GroupAdminBudget budget, LocalDate periodEnd) {
        var name = people.findById(budget.userId()).map(p -> p.displayName()).orElse("group admin " + budget.id());
        var groupIds = groups.findByAdminBudgetIdAndDeletedAtIsNullOrderByName(budget.id()).stream()
                .map(BudgetGroup::id).toList();
        return new EndingAdminBudget(budget.id(), budget.userId(), name, periodEnd, groupIds);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
