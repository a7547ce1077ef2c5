package org.burnrate.organization.ui;

import org.burnrate.organization.UserService;
import org.burnrate.security.Roles;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;

/**
 * Someone who signed in with a one-time or admin-set password goes to their profile and stays
 * there until they choose their own.
 */
@Component
class PasswordChangeGuard implements VaadinServiceInitListener {

    private final UserService users;

    PasswordChangeGuard(UserService users) {
        this.users = users;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> init.getUI().addBeforeEnterListener(this::beforeEnter));
    }

    private void beforeEnter(BeforeEnterEvent event) {
        if (event.getNavigationTarget() == ProfileView.class || !flaggedAtSignIn()) {
            return;
        }
        if (users.passwordChangeRequired()) {
            event.rerouteTo(ProfileView.class);
        }
    }

    private static boolean flaggedAtSignIn() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getAuthorities().stream()
                .anyMatch(authority -> Roles.PASSWORD_CHANGE_REQUIRED.equals(authority.getAuthority()));
    }
}
