package org.burnrate.organization;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A person to create. Without a password they exist (and can be added to groups) but cannot sign
 * in until one is set. A {@code temporaryPassword} must be replaced at first sign-in.
 */
public record NewUser(String email, String displayName, @Nullable String password, Set<GlobalRole> roles,
        boolean temporaryPassword) {

    public NewUser {
        roles = Set.copyOf(roles);
    }

    /** A person whose initial password, if any, was chosen by an admin and must be replaced at first sign-in. */
    public NewUser(String email, String displayName, @Nullable String password, Set<GlobalRole> roles) {
        this(email, displayName, password, roles, true);
    }
}
