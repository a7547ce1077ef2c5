package org.burnrate.security;

import java.util.Optional;

import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** The person on whose behalf the current request runs. */
@Component
public class CurrentUser {

    /** The authority naming the provider a usage token belongs to: {@code PROVIDER:webhook}. */
    public static final String PROVIDER_AUTHORITY = "PROVIDER:";

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

    /** The provider reporting usage with its usage token, when that is who calls; empty for people and the system. */
    public Optional<String> reportingProvider() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !hasRole(Roles.PROVIDER)) {
            return Optional.empty();
        }
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith(PROVIDER_AUTHORITY))
                .map(authority -> authority.substring(PROVIDER_AUTHORITY.length())).findFirst();
    }

    /** The actor named in audit trails and ledger lines: the user's email, or "system" for scheduled work. */
    public String actorName() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? SystemActor.NAME : authentication.getName();
    }
}
