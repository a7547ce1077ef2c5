package org.burnrate.budget;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.burnrate.audit.AuditLog;
import org.burnrate.base.ConflictException;
import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.burnrate.ledger.AccountKind;
import org.burnrate.ledger.Ledger;
import org.burnrate.ledger.LineType;
import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.People;
import org.burnrate.organization.UserSummary;
import org.burnrate.security.CurrentUser;
import org.burnrate.security.Roles;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The system admin's side of budgets: the organization pool and the group admins it funds. */
@Service
@Transactional
public class BudgetAdministration {

    private final OrganizationRepository organizations;
    private final GroupAdminBudgetRepository adminBudgets;
    private final BudgetGroupRepository groups;
    private final Ledger ledger;
    private final People people;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final AuditLog audit;

    BudgetAdministration(OrganizationRepository organizations, GroupAdminBudgetRepository adminBudgets,
            BudgetGroupRepository groups, Ledger ledger, People people, CurrentUser currentUser, Clock clock,
            AuditLog audit) {
        this.audit = audit;
        this.organizations = organizations;
        this.adminBudgets = adminBudgets;
        this.groups = groups;
        this.ledger = ledger;
        this.people = people;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public BudgetSummary pool() {
        return BudgetSummary.of(ledger.balance(poolAccount()));
    }

    /** Sets the pool's total, or makes it unlimited with {@code null}. */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public BudgetSummary setPoolTotal(@Nullable ConsumptionUnits total) {
        var before = ledger.balance(poolAccount());
        var after = ledger.setPoolTotal(poolAccount(), total, "Pool total set by " + currentUser.actorName());
        audit.record("Organization pool total set", "organization pool",
                before.available() == null ? "unlimited" : before.allocated(), total == null ? "unlimited" : total);
        return BudgetSummary.of(after);
    }

    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    @Transactional(readOnly = true)
    public List<GroupAdminView> groupAdmins() {
        return adminBudgets.findByRemovedAtIsNullOrderById().stream().map(this::view).toList();
    }

    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    @Transactional(readOnly = true)
    public GroupAdminView groupAdmin(long adminBudgetId) {
        return view(load(adminBudgetId));
    }

    /** The caller's own group-admin budget. */
    @PreAuthorize(Roles.IS_ADMIN)
    @Transactional(readOnly = true)
    public GroupAdminView myBudget() {
        return adminBudgets.findByUserIdAndRemovedAtIsNull(currentUser.require().id()).map(this::view)
                .orElseThrow(() -> new NotFoundException("You have no group-admin budget; ask a system admin for one."));
    }

    /**
     * Appoints an existing person as group admin with a budget carved from the organization pool.
     */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public GroupAdminView appoint(String email, ConsumptionUnits budget, @Nullable LocalDate periodStart,
            @Nullable LocalDate periodEnd) {
        checkPeriod(periodStart, periodEnd);
        checkAmount(budget);
        UserSummary person = people.findByEmail(email).orElseThrow(() -> new NotFoundException(
                "There is no person with the email " + email + ". Create them under Users first."));
        if (adminBudgets.findByUserIdAndRemovedAtIsNull(person.id()).isPresent()) {
            throw new ConflictException(person.displayName() + " is already a group admin.");
        }
        long account = ledger.openAccount(AccountKind.GROUP_ADMIN, poolAccount(), person.displayName(), false);
        if (budget.isPositive()) {
            ledger.allocate(account, budget, "Appointed group admin " + person.email(), null);
        }
        var appointed = adminBudgets.save(new GroupAdminBudget(person.id(), account, periodStart, periodEnd,
                clock.instant()));
        people.grant(person.id(), GlobalRole.GROUP_ADMIN);
        audit.record("Group admin appointed", "group admin " + appointed.id() + " <" + person.email() + ">", null,
                "budget " + budget + ", period " + periodStart + " to " + periodEnd);
        return view(appointed);
    }

    /** Raises or lowers a group admin's budget to {@code newAmount}; never below what it has funded or used. */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public GroupAdminView changeBudget(long adminBudgetId, ConsumptionUnits newAmount, @Nullable LocalDate periodStart,
            @Nullable LocalDate periodEnd) {
        checkAmount(newAmount);
        checkPeriod(periodStart, periodEnd);
        var budget = load(adminBudgetId);
        var before = view(budget);
        setAllocation(ledger, budget.accountId(), newAmount, "Group-admin budget changed by " + currentUser.actorName());
        budget.changePeriod(periodStart, periodEnd);
        var after = view(budget);
        audit.record("Group-admin budget changed", "group admin " + budget.id() + " <" + after.email() + ">",
                "budget " + before.budget().allocated() + ", period " + before.periodStart() + " to " + before.periodEnd(),
                "budget " + after.budget().allocated() + ", period " + periodStart + " to " + periodEnd);
        return after;
    }

    /**
     * Removes a group admin: their groups close, and every unused unit returns to the pool.
     *
     * @return the units returned to the pool
     */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public ConsumptionUnits remove(long adminBudgetId) {
        var budget = load(adminBudgetId);
        var returned = ledger.reclaimUnused(budget.accountId(), LineType.RECLAIM,
                "Group admin removed by " + currentUser.actorName());
        groups.findByAdminBudgetIdAndDeletedAtIsNullOrderByName(adminBudgetId).forEach(g -> g.delete(clock.instant()));
        budget.remove(clock.instant());
        people.revoke(budget.userId(), GlobalRole.GROUP_ADMIN);
        audit.record("Group admin removed", "group admin " + budget.id(), "appointed", "removed; " + returned
                + " units returned to the pool");
        return returned;
    }

    /** Moves an account's allocation to {@code target} through the ledger's allocate or reduce. */
    static void setAllocation(Ledger ledger, long accountId, ConsumptionUnits target, String reason) {
        var current = ledger.balance(accountId).allocated();
        var delta = target.minus(current);
        if (delta.isPositive()) {
            ledger.allocate(accountId, delta, reason, null);
        } else if (delta.isNegative()) {
            ledger.reduce(accountId, delta.negate(), reason, null);
        }
    }

    static void checkAmount(ConsumptionUnits amount) {
        if (amount.isNegative()) {
            throw new InvalidInputException("budget", "A budget cannot be negative; it was " + amount + ".");
        }
    }

    private static void checkPeriod(@Nullable LocalDate start, @Nullable LocalDate end) {
        if (start != null && end != null && end.isBefore(start)) {
            throw new InvalidInputException("periodEnd", "The period ends (" + end + ") before it starts (" + start + ").");
        }
    }

    long poolAccount() {
        return organizations.findById(Organization.ID).map(Organization::accountId).orElseGet(() -> {
            long account = ledger.openOrganization("Organization pool", null);
            organizations.saveAndFlush(new Organization(account));
            return account;
        });
    }

    private GroupAdminBudget load(long adminBudgetId) {
        return adminBudgets.findById(adminBudgetId).filter(b -> !b.isRemoved())
                .orElseThrow(() -> new NotFoundException("There is no group admin with id " + adminBudgetId + "."));
    }

    private GroupAdminView view(GroupAdminBudget budget) {
        var person = people.findById(budget.userId()).orElseThrow();
        return new GroupAdminView(budget.id(), person.id(), person.email(), person.displayName(),
                budget.periodStart(), budget.periodEnd(), BudgetSummary.of(ledger.balance(budget.accountId())));
    }
}
