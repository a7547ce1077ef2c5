package org.burnrate.security.internal;

import org.springframework.security.core.AuthenticationException;

class InvalidApiTokenException extends AuthenticationException {

    InvalidApiTokenException(String message) {
        super(message);
    }
}
