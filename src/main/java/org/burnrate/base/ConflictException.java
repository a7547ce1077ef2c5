package org.burnrate.base;

/** The request is valid but clashes with the current state (a duplicate, a stale version). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
