package org.burnrate.budget;

import java.time.Clock;
import java.util.List;

import org.burnrate.audit.AuditLog;
import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.burnrate.ledger.AccountKind;
import org.burnrate.ledger.Ledger;
import org.burnrate.ledger.LineType;
import org.burnrate.organization.People;
import org.burnrate.security.CurrentUser;
import org.burnrate.security.Roles;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Groups: created by group admins from their own budget; seen by their owner, members and system admins. */
@Service
@Transactional
public class GroupService {

    private final BudgetGroupRepository groups;
    private final GroupAdminBudgetRepository adminBudgets;
    private final MembershipRepository memberships;
    private final BudgetScopes scopes;
    private final Ledger ledger;
    private final People people;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final AuditLog audit;

    GroupService(BudgetGroupRepository groups, GroupAdminBudgetRepository adminBudgets,
            MembershipRepository memberships, BudgetScopes scopes, Ledger ledger, People people,
            CurrentUser currentUser, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.groups = groups;
        this.adminBudgets = adminBudgets;
        this.memberships = memberships;
        this.scopes = scopes;
        this.ledger = ledger;
        this.people = people;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /**
     * Creates a group funded with {@code budget} from a group-admin budget: the caller's own, or,
     * for a system admin, the one named by {@code adminBudgetId}.
     */
    @PreAuthorize(Roles.IS_ADMIN)
    public GroupView create(@Nullable Long adminBudgetId, GroupDetails details, ConsumptionUnits budget) {
        BudgetAdministration.checkAmount(budget);
        GroupAdminBudget owner;
        if (adminBudgetId != null && scopes.isSystemAdmin()) {
            owner = adminBudgets.findById(adminBudgetId).filter(b -> !b.isRemoved())
                    .orElseThrow(() -> new NotFoundException("There is no group admin with id " + adminBudgetId + "."));
        } else {
            owner = adminBudgets.findByUserIdAndRemovedAtIsNull(currentUser.require().id())
                    .orElseThrow(() -> new InvalidInputException(
                            "You have no group-admin budget to fund a group from; ask a system admin for one."));
        }
        long account = ledger.openAccount(AccountKind.GROUP, owner.accountId(), details.name(), details.overcommit());
        if (budget.isPositive()) {
            ledger.allocate(account, budget, "Group '" + details.name() + "' created", null);
        }
        var group = groups.save(new BudgetGroup(owner.id(), account, details, clock.instant()));
        audit.record("Group created", subject(group), null, "budget " + budget + ", " + details);
        return view(group);
    }

    @PreAuthorize("@budgetScopes.canSeeGroup(#groupId)")
    @Transactional(readOnly = true)
    public GroupView get(long groupId) {
        return view(scopes.visibleGroup(groupId));
    }

    /** The groups the caller may see: all for a system admin, their own for a group admin, theirs for members. */
    @PreAuthorize(Roles.IS_SIGNED_IN)
    @Transactional(readOnly = true)
    public List<GroupView> visibleGroups() {
        if (scopes.isSystemAdmin()) {
            return groups.findByDeletedAtIsNullOrderByName().stream().map(this::view).toList();
        }
        long me = currentUser.require().id();
        var owned = adminBudgets.findByUserIdAndRemovedAtIsNull(me).stream()
                .flatMap(budget -> groups.findByAdminBudgetIdAndDeletedAtIsNullOrderByName(budget.id()).stream());
        var joined = memberships.findByUserIdAndRemovedAtIsNull(me).stream()
                .flatMap(m -> groups.findById(m.groupId()).filter(g -> !g.isDeleted()).stream());
        return java.util.stream.Stream.concat(owned, joined).distinct().map(this::view).toList();
    }

    /** Changes the group's details. A new default allocation applies to members added later only. */
    @PreAuthorize("@budgetScopes.canEditGroup(#groupId)")
    public GroupView update(long groupId, GroupDetails details) {
        var group = scopes.visibleGroup(groupId);
        if (group.overcommit() && !details.overcommit()) {
            var balance = ledger.balance(group.accountId());
            if (balance.allocatedToChildren().exceeds(balance.allocated())) {
                throw new InvalidInputException("overcommit", "Members hold " + balance.allocatedToChildren()
                        + " units, more than the group's " + balance.allocated()
                        + "; lower their allocations before turning overcommit off.");
            }
        }
        var before = new GroupDetails(group.name(), group.description(), group.startDate(), group.endDate(),
                group.defaultAllocation(), group.overcommit());
        group.apply(details);
        ledger.setOvercommit(group.accountId(), details.overcommit());
        audit.record("Group changed", subject(group), before, details);
        return view(group);
    }

    /** Sets the group's budget; never below what is consumed, held or (unless overcommitted) allocated to members. */
    @PreAuthorize("@budgetScopes.canEditGroup(#groupId)")
    public GroupView changeBudget(long groupId, ConsumptionUnits budget) {
        BudgetAdministration.checkAmount(budget);
        var group = scopes.visibleGroup(groupId);
        var before = ledger.balance(group.accountId()).allocated();
        BudgetAdministration.setAllocation(ledger, group.accountId(), budget,
                "Group budget changed by " + currentUser.actorName());
        audit.record("Group budget changed", subject(group), before, budget);
        return view(group);
    }

    /**
     * Deletes a group: members are removed and every unused unit returns to the owner's budget, so
     * deleting and recreating a group can never reuse budget.
     *
     * @return the units returned to the group admin
     */
    @PreAuthorize("@budgetScopes.canEditGroup(#groupId)")
    public ConsumptionUnits delete(long groupId) {
        var group = scopes.visibleGroup(groupId);
        var returned = ledger.reclaimUnused(group.accountId(), LineType.RECLAIM,
                "Group '" + group.name() + "' deleted by " + currentUser.actorName());
        memberships.findByGroupIdAndRemovedAtIsNull(groupId).forEach(m -> m.remove(clock.instant()));
        group.delete(clock.instant());
        audit.record("Group deleted", subject(group), "active", "deleted; " + returned + " units returned");
        return returned;
    }

    private static String subject(BudgetGroup group) {
        return "group " + group.id() + " '" + group.name() + "'";
    }

    GroupView view(BudgetGroup group) {
        var owner = adminBudgets.findById(group.adminBudgetId()).orElseThrow();
        String ownerName = people.findById(owner.userId()).map(p -> p.displayName()).orElse("");
        return new GroupView(group.id(), group.name(), group.description(), owner.id(), owner.userId(), ownerName,
                group.startDate(), group.endDate(), group.defaultAllocation(), group.overcommit(),
                BudgetSummary.of(ledger.balance(group.accountId())));
    }
}
