package org.burnrate.organization.ui;

import java.time.Instant;

import jakarta.annotation.security.PermitAll;

import org.burnrate.base.InvalidInputException;
import org.burnrate.base.ui.Confirmation;
import org.burnrate.base.ui.Dates;
import org.burnrate.organization.UserService;
import org.burnrate.security.ApiTokenInfo;
import org.burnrate.security.ApiTokenService;
import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;

/** Everyone's own account: password and personal API tokens. */
@Route("profile")
@PageTitle("Profile · Burnrate")
@Menu(title = "Profile", order = 100, icon = "vaadin:user")
@PermitAll
public class ProfileView extends Div {

    private final UserService users;
    private final ApiTokenService tokens;

    final PasswordField currentPassword = new PasswordField("Current password");
    final PasswordField newPassword = new PasswordField("New password");
    final PasswordField repeatPassword = new PasswordField("Repeat new password");
    final Button changePassword = new Button("Change password");
    final TextField tokenName = new TextField("Token name");
    final Button createToken = new Button("Create token");
    final Grid<ApiTokenInfo> tokenGrid = new Grid<>();
    final Div passwordChangeBanner = new Div();

    ProfileView(UserService users, ApiTokenService tokens) {
        this.users = users;
        this.tokens = tokens;
        addClassName("portal-view");
        var me = users.me();

        passwordChangeBanner.addClassName("portal-banner");
        passwordChangeBanner.setText("Your password was set by someone else. Choose your own password before you continue.");
        passwordChangeBanner.setVisible(me.passwordChangeRequired());

        add(new Paragraph(me.displayName() + " · " + me.email()), passwordChangeBanner,
                passwordSection(), tokenSection());
    }

    private Component passwordSection() {
        newPassword.setHelperText("At least 12 characters. A few unrelated words make a strong, memorable password.");
        changePassword.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        changePassword.addClickListener(click -> changePassword());
        var form = new FormLayout(currentPassword, newPassword, repeatPassword);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40em", 3));
        var section = new Div(new H3("Password"), form, changePassword);
        section.addClassName("portal-section");
        return section;
    }

    private void changePassword() {
        currentPassword.setInvalid(false);
        newPassword.setInvalid(false);
        repeatPassword.setInvalid(false);
        if (!newPassword.getValue().equals(repeatPassword.getValue())) {
            repeatPassword.setErrorMessage("The two new passwords differ.");
            repeatPassword.setInvalid(true);
            return;
        }
        try {
            users.changeOwnPassword(currentPassword.getValue(), newPassword.getValue());
        } catch (InvalidInputException e) {
            var field = e.fieldErrors().containsKey("currentPassword") ? currentPassword : newPassword;
            field.setErrorMessage(e.getMessage());
            field.setInvalid(true);
            return;
        }
        currentPassword.clear();
        newPassword.clear();
        repeatPassword.clear();
        passwordChangeBanner.setVisible(false);
        Notification.show("Your password has been changed.", 3000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    private Component tokenSection() {
        tokenName.setPlaceholder("e.g. grading script");
        createToken.addClickListener(click -> createToken());
        var create = new HorizontalLayout(tokenName, createToken);
        create.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.BASELINE);

        tokenGrid.addColumn(ApiTokenInfo::name).setHeader("Name").setAutoWidth(true);
        tokenGrid.addColumn(token -> token.prefix() + "…").setHeader("Starts with");
        tokenGrid.addColumn(token -> format(token.createdAt())).setHeader("Created");
        tokenGrid.addColumn(token -> token.lastUsedAt() == null ? "never" : format(token.lastUsedAt()))
                .setHeader("Last used");
        tokenGrid.addComponentColumn(this::tokenAction).setHeader("").setFlexGrow(0).setAutoWidth(true);
        tokenGrid.setEmptyStateText("No tokens yet. Name one above to let a script call the API as you.");
        tokenGrid.setAllRowsVisible(true);
        refreshTokens();

        var section = new Div(new H3("API tokens"),
                new Paragraph("A token lets a script call the REST API (/api/v1) as you, with your roles. "
                        + "Send it as 'Authorization: Bearer <token>'. Revoke any token you no longer use."),
                create, tokenGrid);
        section.addClassName("portal-section");
        return section;
    }

    private void createToken() {
        tokenName.setInvalid(false);
        try {
            var created = tokens.create(tokenName.getValue());
            tokenName.clear();
            refreshTokens();
            showSecretOnce(created.token().name(), created.secret());
        } catch (InvalidInputException e) {
            tokenName.setErrorMessage(e.getMessage());
            tokenName.setInvalid(true);
        }
    }

    private void showSecretOnce(String name, String secret) {
        var dialog = new Dialog();
        dialog.setHeaderTitle("Token '" + name + "' created");
        var value = new TextArea("Your new token");
        value.setValue(secret);
        value.setReadOnly(true);
        value.setWidthFull();
        value.setId("new-token-secret");
        dialog.add(new Paragraph("Copy it now: it is shown only this once and cannot be recovered. "
                + "If you lose it, revoke it and create another."), value);
        var close = new Button("I have copied it", click -> dialog.close());
        close.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.getFooter().add(close);
        dialog.setWidth("36em");
        dialog.open();
    }

    private Component tokenAction(ApiTokenInfo token) {
        if (!token.active()) {
            return new Paragraph("revoked " + format(token.revokedAt()));
        }
        var revoke = new Button("Revoke", click -> {
            Confirmation.openDestructive("Revoke '" + token.name() + "'?",
                    "Scripts using this token will be refused from now on. This cannot be undone.", "Revoke", () -> {
                        tokens.revoke(token.id());
                        refreshTokens();
                    });
        });
        revoke.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        return revoke;
    }

    private void refreshTokens() {
        tokenGrid.setItems(tokens.listMine());
    }

    private static String format(@Nullable Instant instant) {
        return instant == null ? "" : Dates.minute(instant);
    }
}
