package org.burnrate.budget;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

interface OrganizationRepository extends JpaRepository<Organization, Long> {
}

interface GroupAdminBudgetRepository extends JpaRepository<GroupAdminBudget, Long> {

    Optional<GroupAdminBudget> findByUserIdAndRemovedAtIsNull(long userId);

    List<GroupAdminBudget> findByRemovedAtIsNullOrderById();

    Optional<GroupAdminBudget> findByAccountId(long accountId);
}

interface BudgetGroupRepository extends JpaRepository<BudgetGroup, Long> {

    List<BudgetGroup> findByAdminBudgetIdAndDeletedAtIsNullOrderByName(long adminBudgetId);

    List<BudgetGroup> findByDeletedAtIsNullOrderByName();

    Optional<BudgetGroup> findByAccountId(long accountId);
}

interface MembershipRepository extends JpaRepository<Membership, Long> {

    Optional<Membership> findByGroupIdAndUserId(long groupId, long userId);

    Page<Membership> findByGroupIdAndRemovedAtIsNull(long groupId, Pageable pageable);

    List<Membership> findByUserIdAndRemovedAtIsNull(long userId);

    List<Membership> findByGroupIdAndRemovedAtIsNull(long groupId);

    Optional<Membership> findByAccountId(long accountId);
}
