package org.burnrate.organization;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** What other modules and views see of a person. */
public record UserSummary(long id, String email, String displayName, Set<GlobalRole> roles, boolean enabled,
        @Nullable Instant lockedUntil, boolean passwordChangeRequired, boolean hasPassword, Instant createdAt) {

    public UserSummary {
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(GlobalRole role) {
        return roles.contains(role);
    }

    public boolean lockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }
}
