package org.burnrate.support;

import java.security.Principal;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpSession;

import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.NewUser;
import org.burnrate.organization.UserService;
import org.burnrate.security.PortalUserDirectory;
import org.burnrate.security.SystemActor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContextHolder;

import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.github.mvysny.kaributesting.v10.spring.MockSpringServlet;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.internal.CurrentInstance;

/**
 * Views without a browser (Karibu Testing) in the real Spring context, with real services and
 * real method security: the signed-in user is whoever {@link #signInAs} put into the security
 * context, and Vaadin's view access control sees the same user.
 */
@H2Test
public abstract class UiTest {

    private static final Routes ROUTES = new Routes().autoDiscoverViews("org.burnrate");
    public static final String PASSWORD = "a long test password";

    @Autowired
    protected ApplicationContext context;
    @Autowired
    protected UserService users;
    @Autowired
    protected PortalUserDirectory directory;
    @Autowired
    protected TestClock clock;

    @BeforeEach
    void startVaadin() {
        clock.reset();
        MockVaadin.setMockRequestFactory(SecurityContextRequest::new);
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context, UI::new));
    }

    @AfterEach
    void stopVaadin() {
        MockVaadin.tearDown();
        // Vaadin's security-context strategy prefers a current VaadinSession over the thread's own
        // context; leave nothing behind for the service tests that run next on this thread.
        CurrentInstance.clearAll();
        SignIn.out();
    }

    protected String newPerson(String kind, Set<GlobalRole> roles) {
        String email = kind + "-" + UUID.randomUUID() + "@ui.test";
        SystemActor.run(() -> users.create(new NewUser(email, "The " + kind, PASSWORD, roles, false)));
        return email;
    }

    protected void signInAs(String email) {
        SignIn.as(directory, email);
    }

    /** A fake request that answers principal and role questions from Spring Security, as the real filter does. */
    static final class SecurityContextRequest extends FakeRequest {

        SecurityContextRequest(HttpSession session) {
            super(session);
        }

        @Override
        public Principal getUserPrincipal() {
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            return authentication != null && authentication.isAuthenticated() ? authentication : null;
        }

        @Override
        public boolean isUserInRole(String role) {
            var authentication = SecurityContextHolder.getContext().getAuthentication();
            return authentication != null && authentication.getAuthorities().stream()
                    .anyMatch(authority -> ("ROLE_" + role).equals(authority.getAuthority()));
        }
    }
}
