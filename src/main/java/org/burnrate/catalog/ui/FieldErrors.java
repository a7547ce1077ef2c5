package org.burnrate.catalog.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.burnrate.base.ConflictException;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.jspecify.annotations.Nullable;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.html.Paragraph;

/**
 * Refusals shown where the user can fix them: on the field they name (by the names the services use
 * in {@link InvalidInputException#fieldErrors()}), or in a line above the form when they name none.
 * Input is read with the same value types the services use, so a field shows the message the API would give.
 */
final class FieldErrors {

    final Paragraph formError = new Paragraph();
    private final Map<String, HasValidation> fields = new LinkedHashMap<>();
    private boolean refused;

    FieldErrors() {
        formError.addClassName("portal-form-error");
        formError.setVisible(false);
    }

    void register(String name, HasValidation field) {
        fields.put(name, field);
    }

    void clear() {
        fields.values().forEach(field -> field.setInvalid(false));
        formError.setVisible(false);
        refused = false;
    }

    /** Reads one input; when it is refused, shows why on the field {@code name} and returns null. */
    <T> @Nullable T read(String name, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (InvalidInputException e) {
            show(name, e.getMessage());
            return null;
        }
    }

    /** Whether anything was refused since {@link #clear()}. */
    boolean anyRefused() {
        return refused;
    }

    /**
     * Shows a service's refusal on {@code fieldName}, or on the field it names itself.
     *
     * @return false when it is no refusal a user can act on (the portal's error handler reports those)
     */
    boolean show(RuntimeException refusal, @Nullable String fieldName) {
        if (!(refusal instanceof InvalidInputException || refusal instanceof ConflictException
                || refusal instanceof NotFoundException)) {
            return false;
        }
        String field = fieldName;
        if (field == null && refusal instanceof InvalidInputException invalid && !invalid.fieldErrors().isEmpty()) {
            field = invalid.fieldErrors().keySet().iterator().next();
        }
        show(field, String.valueOf(refusal.getMessage()));
        return true;
    }

    void show(@Nullable String fieldName, String message) {
        refused = true;
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
