package org.burnrate.budget;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface OrganizationRepository extends JpaRepository<Organization, Long> {
}

interface GroupAdminBudgetRepository extends JpaRepository<GroupAdminBudget, Long> {

    Optional<GroupAdminBudget> findByUserIdAndRemovedAtIsNull(long userId);

    List<GroupAdminBudget> findByRemovedAtIsNullOrderById();

    Optional<GroupAdminBudget> findByAccountId(long accountId);

    /** Budgets still open whose period's last day is {@code lastDay} or earlier. */
    @Query("""
            select b from GroupAdminBudget b where b.removedAt is null and b.endedAt is null and b.periodEnd <= :lastDay
            order by b.periodEnd, b.id""")
    List<GroupAdminBudget> endingBy(LocalDate lastDay);
}

interface BudgetGroupRepository extends JpaRepository<BudgetGroup, Long> {

    List<BudgetGroup> findByAdminBudgetIdAndDeletedAtIsNullOrderByName(long adminBudgetId);

    List<BudgetGroup> findByDeletedAtIsNullOrderByName();

    Optional<BudgetGroup> findByAccountId(long accountId);

    /** Groups still open whose last day is {@code lastDay} or earlier. */
    @Query("""
            select g from BudgetGroup g where g.deletedAt is null and g.endedAt is null and g.endDate <= :lastDay
            order by g.endDate, g.id""")
    List<BudgetGroup> endingBy(LocalDate lastDay);
}

interface MembershipRepository extends JpaRepository<Membership, Long> {

    Optional<Membership> findByGroupIdAndUserId(long groupId, long userId);

    Page<Membership> findByGroupIdAndRemovedAtIsNull(long groupId, Pageable pageable);

    List<Membership> findByUserIdAndRemovedAtIsNull(long userId);

    List<Membership> findByGroupIdAndRemovedAtIsNull(long groupId);

    Optional<Membership> findByAccountId(long accountId);
}
