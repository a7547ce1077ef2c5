package org.burnrate.base;

/**
 * Something does not exist, or exists outside the caller's scope: both answer the same way so that
 * a caller cannot learn what others own.
 */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
