package org.burnrate.security.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.server.auth.AnonymousAllowed;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;

/**
 * Sign-in with email and password. After a failure it says why when the reason is the
 * account's state (locked, disabled), and only "wrong email or password" otherwise.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Sign in · Burnrate")
@AnonymousAllowed
public class LoginView extends Div implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();
    private LoginI18n texts;

    public LoginView() {
        addClassName("portal-login");
        form.setAction("login");
        form.setForgotPasswordButtonVisible(false);
        show(i18n("Incorrect email or password",
                "Check your email and password and try again. After 5 failed attempts the account is locked for a while."));
        var intro = new Paragraph("Budgets and consumption units for shared cloud resources.");
        intro.addClassName("portal-login-intro");
        var card = new Div(new H1("Burnrate"), intro, form);
        card.addClassName("portal-login-card");
        add(card);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!event.getLocation().getQueryParameters().getParameters().containsKey("error")) {
            return;
        }
        Object failure = lastAuthenticationFailure();
        if (failure instanceof LockedException) {
            show(i18n("Account locked",
                    "Too many failed sign-ins: this account is locked for a while. Try again later, or ask a system admin to unlock it."));
        } else if (failure instanceof DisabledException) {
            show(i18n("Account disabled", "This account has been disabled. Ask a system admin to re-enable it."));
        }
        form.setError(true);
    }

    private void show(LoginI18n i18n) {
        texts = i18n;
        form.setI18n(i18n);
    }

    /** The texts the form shows now, error message included. */
    LoginI18n texts() {
        return texts;
    }

    private static @Nullable Object lastAuthenticationFailure() {
        var session = VaadinSession.getCurrent();
        if (session == null || session.getSession() == null) {
            return null;
        }
        return session.getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
    }

    private static LoginI18n i18n(String errorTitle, String errorMessage) {
        var i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Sign in");
        i18n.getForm().setUsername("Email");
        i18n.getForm().setSubmit("Sign in");
        i18n.getErrorMessage().setTitle(errorTitle);
        i18n.getErrorMessage().setMessage(errorMessage);
        return i18n;
    }
}
