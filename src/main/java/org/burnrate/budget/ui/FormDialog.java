package org.burnrate.budget.ui;

import java.util.LinkedHashMap;
import java.util.Map;

import org.burnrate.base.ConflictException;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;

/**
 * What the budget dialogs share: Save and Cancel, and refusals shown where the user can fix them
 * (on the field they concern, or above the form when they concern no single field) while the
 * dialog stays open. The dialogs hand their input to whoever opened them; they never see a service.
 */
abstract class FormDialog extends Dialog {

    final Button save;
    final Paragraph formError = new Paragraph();
    private final Map<String, HasValidation> fields = new LinkedHashMap<>();

    FormDialog(String title, String saveText) {
        setHeaderTitle(title);
        setWidth("32em");
        formError.addClassName("portal-form-error");
        formError.setVisible(false);
        add(formError);
        save = new Button(saveText, click -> submit());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", click -> close()), save);
    }

    /** Registers a field under the name services use for it in {@link InvalidInputException#fieldErrors()}. */
    void field(String name, HasValidation field) {
        fields.put(name, field);
    }

    /**
     * Validates and converts the input and hands it over.
     *
     * @return false when the input was refused before it was handed over (the fields say why)
     */
    abstract boolean handOver();

    private void submit() {
        fields.values().forEach(field -> field.setInvalid(false));
        formError.setVisible(false);
        try {
            if (handOver()) {
                close();
            }
        } catch (RuntimeException e) {
            String message = messageFor(e);
            if (message == null) {
                throw e;
            }
            show(fieldFor(e), message);
        }
    }

    /** The field a refusal belongs to; by default the one an {@link InvalidInputException} names. */
    @Nullable String fieldFor(RuntimeException refusal) {
        if (refusal instanceof InvalidInputException invalid && !invalid.fieldErrors().isEmpty()) {
            return invalid.fieldErrors().keySet().iterator().next();
        }
        return null;
    }

    /** The message for a refusal a user can act on, or null to let the portal's error handler report it. */
    @Nullable String messageFor(RuntimeException refusal) {
        if (refusal instanceof InvalidInputException || refusal instanceof ConflictException
                || refusal instanceof NotFoundException) {
            return refusal.getMessage();
        }
        return null;
    }

    void show(@Nullable String fieldName, String message) {
        var field = fieldName == null ? null : fields.get(fieldName);
        if (field != null) {
            field.setErrorMessage(message);
            field.setInvalid(true);
        } else {
            formError.setText(message);
            formError.setVisible(true);
        }
    }
}
