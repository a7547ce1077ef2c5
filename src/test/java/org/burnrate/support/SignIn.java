package org.burnrate.support;

import org.burnrate.security.PortalUser;
import org.burnrate.security.PortalUserDirectory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/** Puts a real portal user (loaded as at sign-in) into the security context of the test thread. */
public final class SignIn {

    private SignIn() {
    }

    public static PortalUser as(PortalUserDirectory directory, String email) {
        PortalUser user = (PortalUser) directory.loadUserByUsername(email);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        return user;
    }

    public static void out() {
        SecurityContextHolder.clearContext();
    }
}
