package org.burnrate.budget;

import java.time.Clock;
import java.util.List;

import org.burnrate.audit.AuditLog;
import org.burnrate.base.ConflictException;
import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.NotFoundException;
import org.burnrate.ledger.AccountKind;
import org.burnrate.ledger.Ledger;
import org.burnrate.ledger.LineType;
import org.burnrate.organization.People;
import org.burnrate.security.CurrentUser;
import org.burnrate.security.Roles;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Members of a group and their allocations: managed by the group's owner, its managers and system admins. */
@Service
@Transactional
public class MembershipService {

    private final MembershipRepository memberships;
    private final BudgetGroupRepository groups;
    private final BudgetScopes scopes;
    private final Ledger ledger;
    private final People people;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final AuditLog audit;

    MembershipService(MembershipRepository memberships, BudgetGroupRepository groups, BudgetScopes scopes,
            Ledger ledger, People people, CurrentUser currentUser, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.memberships = memberships;
        this.groups = groups;
        this.scopes = scopes;
        this.ledger = ledger;
        this.people = people;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /**
     * Adds an existing person to the group with {@code allocation}, or the group's default
     * allocation when it is null. Refused when the group has not that much left, unless overcommitted.
     */
    @PreAuthorize("@budgetScopes.canManageMembers(#groupId)")
    public MemberView add(long groupId, String email, @Nullable ConsumptionUnits allocation, MemberRole role) {
        var group = scopes.visibleGroup(groupId);
        var person = people.findByEmail(email).orElseThrow(() -> new NotFoundException(
                "There is no person with the email " + email + "; create them first, or import a roster."));
        var amount = allocation == null ? group.defaultAllocation() : allocation;
        BudgetAdministration.checkAmount(amount);
        var existing = memberships.findByGroupIdAndUserId(groupId, person.id());
        if (existing.isPresent() && !existing.get().isRemoved()) {
            throw new ConflictException(person.displayName() + " is already a member of '" + group.name() + "'.");
        }
        long account = ledger.openAccount(AccountKind.MEMBERSHIP, group.accountId(), person.displayName(), false);
        if (amount.isPositive()) {
            ledger.allocate(account, amount, "Added to '" + group.name() + "' by " + currentUser.actorName(), null);
        }
        Membership membership;
        if (existing.isPresent()) {
            membership = existing.get();
            membership.rejoin(role, account);
        } else {
            membership = memberships.save(new Membership(groupId, person.id(), role, account, clock.instant()));
        }
        audit.record("Member added", subject(membership, group), null, role + " with " + amount + " units");
        return view(membership, group);
    }

    @PreAuthorize("@budgetScopes.canManageMembers(#groupId)")
    @Transactional(readOnly = true)
    public Page<MemberView> members(long groupId, Pageable pageable) {
        var group = scopes.visibleGroup(groupId);
        var page = memberships.findByGroupIdAndRemovedAtIsNull(groupId, pageable);
        // Two queries for the whole page rather than two per member.
        var persons = people.findByIds(page.map(Membership::userId).toList());
        var balances = ledger.balances(page.map(Membership::accountId).toList());
        return page.map(m -> {
            var person = persons.get(m.userId());
            return new MemberView(m.id(), group.id(), group.name(), person.id(), person.email(), person.displayName(),
                    m.role(), BudgetSummary.of(balances.get(m.accountId())));
        });
    }

    @PreAuthorize("@budgetScopes.canManageMembership(#membershipId)")
    @Transactional(readOnly = true)
    public MemberView get(long membershipId) {
        var membership = load(membershipId);
        return view(membership, groups.findById(membership.groupId()).orElseThrow());
    }

    /** Sets a member's allocation; never below what they consumed plus hold. */
    @PreAuthorize("@budgetScopes.canManageMembership(#membershipId)")
    public MemberView changeAllocation(long membershipId, ConsumptionUnits allocation) {
        BudgetAdministration.checkAmount(allocation);
        var membership = load(membershipId);
        var before = ledger.balance(membership.accountId()).allocated();
        BudgetAdministration.setAllocation(ledger, membership.accountId(), allocation,
                "Allocation changed by " + currentUser.actorName());
        var group = groups.findById(membership.groupId()).orElseThrow();
        audit.record("Member allocation changed", subject(membership, group), before, allocation);
        return view(membership, group);
    }

    @PreAuthorize("@budgetScopes.canManageMembership(#membershipId)")
    public MemberView changeRole(long membershipId, MemberRole role) {
        var membership = load(membershipId);
        var before = membership.role();
        membership.changeRole(role);
        var group = groups.findById(membership.groupId()).orElseThrow();
        audit.record("Member role changed", subject(membership, group), before, role);
        return view(membership, group);
    }

    /**
     * Removes a member; only the unused remainder of their allocation returns to the group.
     *
     * @return the units returned to the group
     */
    @PreAuthorize("@budgetScopes.canManageMembership(#membershipId)")
    public ConsumptionUnits remove(long membershipId) {
        var membership = load(membershipId);
        var returned = ledger.reclaimUnused(membership.accountId(), LineType.RECLAIM,
                "Removed from the group by " + currentUser.actorName());
        membership.remove(clock.instant());
        audit.record("Member removed", subject(membership, groups.findById(membership.groupId()).orElseThrow()),
                "member", "removed; " + returned + " units returned to the group");
        return returned;
    }

    private String subject(Membership membership, BudgetGroup group) {
        String who = people.findById(membership.userId()).map(p -> p.email()).orElse("?");
        return "membership " + membership.id() + " <" + who + "> in group " + group.id() + " '" + group.name() + "'";
    }

    /** The caller's own memberships, one per group, with their budgets. */
    @PreAuthorize(Roles.IS_SIGNED_IN)
    @Transactional(readOnly = true)
    public List<MemberView> myMemberships() {
        return memberships.findByUserIdAndRemovedAtIsNull(currentUser.require().id()).stream()
                .flatMap(m -> groups.findById(m.groupId()).filter(g -> !g.isDeleted()).map(g -> view(m, g)).stream())
                .toList();
    }

    private Membership load(long membershipId) {
        return memberships.findById(membershipId).filter(m -> !m.isRemoved())
                .orElseThrow(() -> new NotFoundException("There is no membership with id " + membershipId + "."));
    }

    private MemberView view(Membership membership, BudgetGroup group) {
        var person = people.findById(membership.userId()).orElseThrow();
        return new MemberView(membership.id(), group.id(), group.name(), person.id(), person.email(),
                person.displayName(), membership.role(), BudgetSummary.of(ledger.balance(membership.accountId())));
    }
}
