package org.burnrate.security.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import org.burnrate.support.UiTest;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.server.VaadinSession;

class LoginViewUiTest extends UiTest {

    @Test
    void aLockedAccountIsToldSoAfterTheFailedSignIn() {
        VaadinSession.getCurrent().getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION,
                new LockedException("User account is locked"));

        UI.getCurrent().navigate("login", QueryParameters.of("error", ""));

        var form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(_get(LoginView.class).texts().getErrorMessage().getTitle()).isEqualTo("Account locked");
        assertThat(_get(LoginView.class).texts().getErrorMessage().getMessage()).contains("Too many failed sign-ins");
    }

    @Test
    void aWrongPasswordSaysOnlyThatEmailOrPasswordIsIncorrect() {
        VaadinSession.getCurrent().getSession().setAttribute(WebAttributes.AUTHENTICATION_EXCEPTION,
                new BadCredentialsException("Bad credentials"));

        UI.getCurrent().navigate("login", QueryParameters.of("error", ""));

        var form = _get(LoginForm.class);
        assertThat(form.isError()).isTrue();
        assertThat(_get(LoginView.class).texts().getErrorMessage().getTitle()).isEqualTo("Incorrect email or password");
    }

    @Test
    void theFormPostsToSpringSecurity() {
        UI.getCurrent().navigate("login");

        var form = _get(LoginForm.class);
        assertThat(form.isError()).isFalse();
        assertThat(form.getAction()).isEqualTo("login");
    }
}
