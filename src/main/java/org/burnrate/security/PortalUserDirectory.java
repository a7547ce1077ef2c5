package org.burnrate.security;

import java.util.Optional;

import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Where security finds people. Implemented by the module that stores them, so that security
 * depends on no other module and the people module may depend on security.
 */
public interface PortalUserDirectory extends UserDetailsService {

    /** The user behind an API token, with their current flags; empty if the user is gone. */
    Optional<PortalUser> findById(long userId);
}
