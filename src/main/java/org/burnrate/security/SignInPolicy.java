package org.burnrate.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lock-out after repeated failed sign-ins (OWASP ASVS 2.2.1) and the password length rule
 * (ASVS 2.1.1), shared by the login form, HTTP Basic on the API and the password forms.
 */
@ConfigurationProperties("portal.security")
public record SignInPolicy(
        @DefaultValue("5") int maxFailedAttempts,
        @DefaultValue("15m") Duration lockDuration,
        @DefaultValue("12") int minPasswordLength) {

    public static final int MAX_PASSWORD_LENGTH = 128;
}
