package org.burnrate.base;

import java.util.Map;

/**
 * Input a user can correct. The message is shown to that user as it is, so it says what was wrong
 * and what would be accepted. Throwing it before any change keeps the refused request harmless.
 */
public class InvalidInputException extends RuntimeException {

    private final Map<String, String> fieldErrors;

    public InvalidInputException(String message) {
        this(message, Map.of());
    }

    public InvalidInputException(String field, String message) {
        this(message, Map.of(field, message));
    }

    private InvalidInputException(String message, Map<String, String> fieldErrors) {
        super(message);
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    /** The offending fields and what is wrong with each; empty when the error is not about one field. */
    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
