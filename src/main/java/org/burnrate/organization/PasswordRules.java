package org.burnrate.organization;

import java.util.Locale;

import org.burnrate.base.InvalidInputException;
import org.burnrate.security.SignInPolicy;
import org.springframework.stereotype.Component;

/** Length rules only, as OWASP ASVS 2.1 asks: long passphrases, no composition rules. */
@Component
class PasswordRules {

    private final SignInPolicy policy;

    PasswordRules(SignInPolicy policy) {
        this.policy = policy;
    }

    void check(String field, String password, String email) {
        if (password.length() < policy.minPasswordLength()) {
            throw new InvalidInputException(field, "A password needs at least " + policy.minPasswordLength()
                    + " characters; a few words make a good one.");
        }
        if (password.length() > SignInPolicy.MAX_PASSWORD_LENGTH) {
            throw new InvalidInputException(field, "A password has at most " + SignInPolicy.MAX_PASSWORD_LENGTH
                    + " characters.");
        }
        if (password.strip().toLowerCase(Locale.ROOT).equals(email.toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException(field, "The password must not be the email address.");
        }
    }
}
