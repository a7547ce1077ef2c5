package org.burnrate.organization.ui;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

import org.burnrate.base.InvalidInputException;
import org.burnrate.base.ConflictException;
import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.NewUser;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;

/**
 * Collects a new person's details and hands them to whoever opened it; it never sees a service.
 * Errors from the service are shown on the field they concern and the dialog stays open.
 */
class NewPersonDialog extends Dialog {

    final EmailField email = new EmailField("Email");
    final TextField displayName = new TextField("Display name");
    final PasswordField password = new PasswordField("Initial password");
    final CheckboxGroup<GlobalRole> roles = new CheckboxGroup<>("Roles");
    final Button save = new Button("Create");

    NewPersonDialog(Consumer<NewUser> onSave) {
        setHeaderTitle("New person");
        email.setRequiredIndicatorVisible(true);
        email.setHelperText("The sign-in name.");
        displayName.setRequiredIndicatorVisible(true);
        password.setHelperText("Optional. At least 12 characters; they must change it at first sign-in. "
                + "Leave empty if they will not sign in yet.");
        roles.setItems(EnumSet.allOf(GlobalRole.class));
        roles.setItemLabelGenerator(GlobalRole::label);
        var form = new FormLayout(email, displayName, password, roles);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1));
        add(form);

        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.addClickListener(click -> {
            clearErrors();
            try {
                onSave.accept(new NewUser(email.getValue(), displayName.getValue(),
                        password.getValue().isEmpty() ? null : password.getValue(), Set.copyOf(roles.getValue())));
                close();
            } catch (InvalidInputException e) {
                showError(e.fieldErrors().isEmpty() ? "" : e.fieldErrors().keySet().iterator().next(), e.getMessage());
            } catch (ConflictException e) {
                showError("email", e.getMessage());
            }
        });
        getFooter().add(new Button("Cancel", click -> close()), save);
    }

    private void clearErrors() {
        email.setInvalid(false);
        displayName.setInvalid(false);
        password.setInvalid(false);
    }

    private void showError(String field, String message) {
        switch (field) {
            case "displayName" -> {
                displayName.setErrorMessage(message);
                displayName.setInvalid(true);
            }
            case "password" -> {
                password.setErrorMessage(message);
                password.setInvalid(true);
            }
            default -> {
                email.setErrorMessage(message);
                email.setInvalid(true);
            }
        }
    }
}
