package org.burnrate.budget;

import java.util.Set;
import java.util.stream.Collectors;

import org.burnrate.catalog.GroupsOfCurrentUser;
import org.burnrate.security.CurrentUser;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Tells the catalog which groups the caller belongs to, so members see what their groups allow. */
@Component
@Transactional(readOnly = true)
class GroupsOfCurrentUserDirectory implements GroupsOfCurrentUser {

    private final MembershipRepository memberships;
    private final BudgetGroupRepository groups;
    private final CurrentUser currentUser;

    GroupsOfCurrentUserDirectory(MembershipRepository memberships, BudgetGroupRepository groups,
            CurrentUser currentUser) {
        this.memberships = memberships;
        this.groups = groups;
        this.currentUser = currentUser;
    }

    @Override
    public Set<Long> groupIds() {
        return currentUser.get().map(user -> memberships.findByUserIdAndRemovedAtIsNull(user.id()).stream()
                .map(Membership::groupId)
                .filter(id -> groups.findById(id).filter(g -> !g.isDeleted()).isPresent())
                .collect(Collectors.toSet())).orElse(Set.of());
    }
}
