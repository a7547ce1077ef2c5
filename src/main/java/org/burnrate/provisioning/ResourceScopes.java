package org.burnrate.provisioning;

import org.burnrate.base.NotFoundException;
import org.burnrate.budget.BudgetAccounts;
import org.burnrate.security.CurrentUser;
import org.burnrate.security.Roles;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may see and manage a resource, used in {@code @PreAuthorize} as {@code @resourceScopes}.
 * A member sees their own resources and the group's shared ones; the group's admin sees all of the
 * group. A member's resource is managed by the member and the group admin; a shared resource only
 * by its owner. Anything the caller may not see is "not found".
 */
@Component("resourceScopes")
@Transactional(readOnly = true)
public class ResourceScopes {

    private final CloudResourceRepository resources;
    private final BudgetAccounts accounts;
    private final CurrentUser currentUser;

    ResourceScopes(CloudResourceRepository resources, BudgetAccounts accounts, CurrentUser currentUser) {
        this.resources = resources;
        this.accounts = accounts;
        this.currentUser = currentUser;
    }

    public boolean canSee(long resourceId) {
        visible(resourceId);
        return true;
    }

    public boolean canManage(long resourceId) {
        return canManage(visible(resourceId));
    }

    boolean canManage(CloudResource resource) {
        if (currentUser.hasRole(Roles.SYSTEM_ADMIN)) {
            return true;
        }
        long me = currentUser.require().id();
        if (resource.shared()) {
            return resource.ownerUserId() == me;
        }
        return resource.ownerUserId() == me || accounts.ownsGroup(resource.groupId(), me);
    }

    /** Whether the caller sees everything in the group (its admin, or a system admin). */
    boolean seesWholeGroup(long groupId) {
        return currentUser.hasRole(Roles.SYSTEM_ADMIN) || accounts.ownsGroup(groupId, currentUser.require().id());
    }

    CloudResource visible(long resourceId) {
        var resource = resources.findById(resourceId).orElseThrow(() -> notFound(resourceId));
        if (currentUser.hasRole(Roles.SYSTEM_ADMIN)) {
            return resource;
        }
        long me = currentUser.require().id();
        if (resource.ownerUserId() == me || accounts.ownsGroup(resource.groupId(), me)
                || (resource.shared() && accounts.isMember(resource.groupId(), me))) {
            return resource;
        }
        throw notFound(resourceId);
    }

    static NotFoundException notFound(long resourceId) {
        return new NotFoundException("There is no resource with id " + resourceId + ".");
    }
}
