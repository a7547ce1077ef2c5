package org.burnrate.organization;

import org.burnrate.security.Roles;

/** Roles that hold across the whole portal; roles inside one group belong to group membership. */
public enum GlobalRole {
    SYSTEM_ADMIN(Roles.SYSTEM_ADMIN, "System admin"),
    GROUP_ADMIN(Roles.GROUP_ADMIN, "Group admin");

    private final String roleName;
    private final String label;

    GlobalRole(String roleName, String label) {
        this.roleName = roleName;
        this.label = label;
    }

    public String roleName() {
        return roleName;
    }

    public String label() {
        return label;
    }
}
