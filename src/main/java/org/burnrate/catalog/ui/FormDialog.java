package org.burnrate.catalog.ui;

import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;

/**
 * What the catalog dialogs share: Save and Cancel, and refusals shown on their field while the
 * dialog stays open. The dialogs hand their input to whoever opened them; they never see a service.
 */
abstract class FormDialog extends Dialog {

    final Button save;
    final FieldErrors errors = new FieldErrors();

    FormDialog(String title, String saveText) {
        setHeaderTitle(title);
        setWidth("32em");
        add(errors.formError);
        save = new Button(saveText, click -> submit());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        getFooter().add(new Button("Cancel", click -> close()), save);
    }

    /**
     * Reads the input and hands it over.
     *
     * @return false when the input was refused before it was handed over (the fields say why)
     */
    abstract boolean handOver();

    /** The field a refusal belongs to; null for the one it names itself. */
    @Nullable String fieldFor(RuntimeException refusal) {
        return null;
    }

    private void submit() {
        errors.clear();
        try {
            if (handOver()) {
                close();
            }
        } catch (RuntimeException e) {
            if (!errors.show(e, fieldFor(e))) {
                throw e;
            }
        }
    }
}
