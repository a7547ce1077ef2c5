package org.burnrate.security;

import java.util.Optional;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The person on whose behalf the current request runs. */
@Component
public class CurrentUser {

    public Optional<PortalUser> get() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof PortalUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    /** @throws AuthenticationCredentialsNotFoundException when nobody is signed in */
    public PortalUser require() {
        return get().orElseThrow(() -> new AuthenticationCredentialsNotFoundException("Nobody is signed in."));
    }

    /** Whether the caller (a person or the system actor) holds {@code role}, one of {@link Roles}. */
    public boolean hasRole(String role) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(authority -> ("ROLE_" + role).equals(authority.getAuthority()));
    }

    /** The actor named in audit trails and ledger lines: the user's email, or "system" for scheduled work. */
    public String actorName() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? SystemActor.NAME : authentication.getName();
    }
}
