package org.burnrate.budget;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.burnrate.base.ConsumptionUnits;
import org.jspecify.annotations.Nullable;

/** The one organization and its pool's ledger account. */
@Entity
@Table(name = "budget_organization")
class Organization {

    static final long ID = 1;

    @Id
    private long id = ID;

    @Column(name = "ledger_account_id", nullable = false)
    private long accountId;

    protected Organization() {
    }

    Organization(long accountId) {
        this.accountId = accountId;
    }

    long accountId() {
        return accountId;
    }
}

/** A group admin's budget: who, which ledger account, and for which period. */
@Entity
@Table(name = "group_admin_budget")
class GroupAdminBudget {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "group_admin_budget_seq")
    @SequenceGenerator(name = "group_admin_budget_seq", sequenceName = "group_admin_budget_seq", allocationSize = 50)
    private @Nullable Long id;

    @Version
    private long version;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(name = "ledger_account_id", nullable = false)
    private long accountId;

    @Column(name = "period_start")
    private @Nullable LocalDate periodStart;

    @Column(name = "period_end")
    private @Nullable LocalDate periodEnd;

    @Column(name = "removed_at")
    private @Nullable Instant removedAt;

    @Column(name = "ended_at")
    private @Nullable Instant endedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected GroupAdminBudget() {
        this.createdAt = Instant.EPOCH;
    }

    GroupAdminBudget(long userId, long accountId, @Nullable LocalDate periodStart, @Nullable LocalDate periodEnd,
            Instant createdAt) {
        this.userId = userId;
        this.accountId = accountId;
        this.periodStart = periodStart;
        this.periodEnd = periodEnd;
        this.createdAt = createdAt;
    }

    void remove(Instant at) {
        removedAt = at;
    }

    void changePeriod(@Nullable LocalDate start, @Nullable LocalDate end) {
        periodStart = start;
        periodEnd = end;
    }

    /** Records that the period's end was enforced; a budget ends once. */
    void end(Instant at) {
        if (endedAt != null) {
            throw new IllegalStateException("group-admin budget " + id + " already ended at " + endedAt);
        }
        endedAt = at;
    }

    boolean isEnded() {
        return endedAt != null;
    }

    long id() {
        if (id == null) {
            throw new IllegalStateException("not saved");
        }
        return id;
    }

    long userId() {
        return userId;
    }

    long accountId() {
        return accountId;
    }

    @Nullable LocalDate periodStart() {
        return periodStart;
    }

    @Nullable LocalDate periodEnd() {
        return periodEnd;
    }

    boolean isRemoved() {
        return removedAt != null;
    }
}

/** A group (a class): its owner's budget, dates, default allocation and overcommit flag. */
@Entity
@Table(name = "budget_group")
class BudgetGroup {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "budget_group_seq")
    @SequenceGenerator(name = "budget_group_seq", sequenceName = "budget_group_seq", allocationSize = 50)
    private @Nullable Long id;

    @Version
    private long version;

    @Column(name = "admin_budget_id", nullable = false)
    private long adminBudgetId;

    @Column(name = "ledger_account_id", nullable = false)
    private long accountId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String description;

    @Column(name = "start_date")
    private @Nullable LocalDate startDate;

    @Column(name = "end_date")
    private @Nullable LocalDate endDate;

    @Column(name = "default_allocation", nullable = false, precision = 19, scale = 4)
    private ConsumptionUnits defaultAllocation;

    @Column(nullable = false)
    private boolean overcommit;

    @Column(name = "deleted_at")
    private @Nullable Instant deletedAt;

    @Column(name = "ended_at")
    private @Nullable Instant endedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected BudgetGroup() {
        this.name = "";
        this.description = "";
        this.defaultAllocation = ConsumptionUnits.ZERO;
        this.createdAt = Instant.EPOCH;
    }

    BudgetGroup(long adminBudgetId, long accountId, GroupDetails details, Instant createdAt) {
        this.adminBudgetId = adminBudgetId;
        this.accountId = accountId;
        this.defaultAllocation = ConsumptionUnits.ZERO;
        this.name = "";
        this.description = "";
        this.createdAt = createdAt;
        apply(details);
    }

    /** A new default allocation applies to members added from now on, never to existing ones. */
    void apply(GroupDetails details) {
        this.name = details.name();
        this.description = details.description();
        this.startDate = details.startDate();
        this.endDate = details.endDate();
        this.defaultAllocation = details.defaultAllocation();
        this.overcommit = details.overcommit();
    }

    void delete(Instant at) {
        deletedAt = at;
    }

    /** Records that the group's end was enforced; a group ends once. */
    void end(Instant at) {
        if (endedAt != null) {
            throw new IllegalStateException("group " + id + " already ended at " + endedAt);
        }
        endedAt = at;
    }

    boolean isEnded() {
        return endedAt != null;
    }

    long id() {
        if (id == null) {
            throw new IllegalStateException("not saved");
        }
        return id;
    }

    long adminBudgetId() {
        return adminBudgetId;
    }

    long accountId() {
        return accountId;
    }

    String name() {
        return name;
    }

    String description() {
        return description;
    }

    @Nullable LocalDate startDate() {
        return startDate;
    }

    @Nullable LocalDate endDate() {
        return endDate;
    }

    ConsumptionUnits defaultAllocation() {
        return defaultAllocation;
    }

    boolean overcommit() {
        return overcommit;
    }

    boolean isDeleted() {
        return deletedAt != null;
    }
}

/** A person in a group, with a role and an allocation of their own. */
@Entity
@Table(name = "group_membership")
class Membership {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "group_membership_seq")
    @SequenceGenerator(name = "group_membership_seq", sequenceName = "group_membership_seq", allocationSize = 50)
    private @Nullable Long id;

    @Version
    private long version;

    @Column(name = "group_id", nullable = false)
    private long groupId;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private MemberRole role;

    @Column(name = "ledger_account_id", nullable = false)
    private long accountId;

    @Column(name = "removed_at")
    private @Nullable Instant removedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Membership() {
        this.role = MemberRole.MEMBER;
        this.createdAt = Instant.EPOCH;
    }

    Membership(long groupId, long userId, MemberRole role, long accountId, Instant createdAt) {
        this.groupId = groupId;
        this.userId = userId;
        this.role = role;
        this.accountId = accountId;
        this.createdAt = createdAt;
    }

    void changeRole(MemberRole role) {
        this.role = role;
    }

    void remove(Instant at) {
        removedAt = at;
    }

    /** Someone removed earlier and added again gets a fresh allocation account. */
    void rejoin(MemberRole role, long accountId) {
        this.role = role;
        this.accountId = accountId;
        this.removedAt = null;
    }

    long id() {
        if (id == null) {
            throw new IllegalStateException("not saved");
        }
        return id;
    }

    long groupId() {
        return groupId;
    }

    long userId() {
        return userId;
    }

    MemberRole role() {
        return role;
    }

    long accountId() {
        return accountId;
    }

    boolean isRemoved() {
        return removedAt != null;
    }
}
