package org.burnrate.security;

import java.io.Serial;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in person as Spring Security sees them: identity, roles and the account flags that
 * decide whether a sign-in is accepted. Immutable; a fresh one is made on every sign-in.
 */
public final class PortalUser implements UserDetails, CredentialsContainer {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long id;
    private final String email;
    private final String displayName;
    private @Nullable String passwordHash;
    private final Set<String> roles;
    private final boolean enabled;
    private final boolean locked;
    private final boolean passwordChangeRequired;

    public PortalUser(long id, String email, String displayName, @Nullable String passwordHash, Set<String> roles,
            boolean enabled, boolean locked, boolean passwordChangeRequired) {
        this.id = id;
        this.email = email;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.roles = Set.copyOf(roles);
        this.enabled = enabled;
        this.locked = locked;
        this.passwordChangeRequired = passwordChangeRequired;
    }

    public long id() {
        return id;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    public Set<String> roles() {
        return roles;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean passwordChangeRequired() {
        return passwordChangeRequired;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        roles.stream().sorted().forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
        if (passwordChangeRequired) {
            authorities.add(new SimpleGrantedAuthority(Roles.PASSWORD_CHANGE_REQUIRED));
        }
        return authorities;
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public String toString() {
        return "PortalUser[" + id + ", " + email + "]";
    }
}
