package org.burnrate.organization.api;

import java.time.Instant;
import java.util.List;

import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.UserSummary;
import org.jspecify.annotations.Nullable;

/** A person as the API shows them. */
record UserJson(long id, String email, String displayName, List<String> roles, boolean enabled,
        @Nullable Instant lockedUntil, boolean passwordChangeRequired, Instant createdAt) {

    static UserJson of(UserSummary user) {
        return new UserJson(user.id(), user.email(), user.displayName(),
                user.roles().stream().sorted().map(GlobalRole::name).toList(), user.enabled(), user.lockedUntil(),
                user.passwordChangeRequired(), user.createdAt());
    }
}
