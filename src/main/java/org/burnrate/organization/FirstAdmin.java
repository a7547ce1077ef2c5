package org.burnrate.organization;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes sure somebody can administer the portal, without any default password: the admin named
 * by {@code PORTAL_ADMIN_EMAIL}/{@code PORTAL_ADMIN_PASSWORD} is created if missing; otherwise, if
 * there is no system admin at all, one is created with a one-time password printed once to the
 * log, to be changed at first sign-in. Runs after the demo data (order 100), which may bring an admin.
 */
@Component
@Order(100)
class FirstAdmin implements ApplicationRunner {

    static final String GENERATED_ADMIN_EMAIL = "admin@burnrate.local";
    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final PasswordRules passwordRules;
    private final Clock clock;
    private final @Nullable String adminEmail;
    private final @Nullable String adminPassword;

    FirstAdmin(UserRepository users, PasswordEncoder passwordEncoder, PasswordRules passwordRules, Clock clock,
            @Value("${portal.admin.email:}") @Nullable String adminEmail,
            @Value("${portal.admin.password:}") @Nullable String adminPassword) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.passwordRules = passwordRules;
        this.clock = clock;
        this.adminEmail = adminEmail;
        this.adminPassword = adminPassword;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        String email = UserService.normalizeEmail(adminEmail);
        if (!email.isEmpty() && adminPassword != null && !adminPassword.isEmpty()) {
            if (!users.existsByEmail(email)) {
                passwordRules.check("PORTAL_ADMIN_PASSWORD", adminPassword, email);
                var admin = new User(email, "System admin", null, Set.of(GlobalRole.SYSTEM_ADMIN), clock.instant());
                admin.changePassword(passwordEncoder.encode(adminPassword));
                users.save(admin);
                log.info("Created system admin {} from PORTAL_ADMIN_EMAIL", email);
            }
            return;
        }
        if (users.existsBySystemAdminTrue()) {
            return;
        }
        String oneTimePassword = generatePassword();
        var admin = users.findByEmail(GENERATED_ADMIN_EMAIL).orElseGet(() -> new User(GENERATED_ADMIN_EMAIL,
                "System admin", null, Set.of(GlobalRole.SYSTEM_ADMIN), clock.instant()));
        admin.grantRoles(Set.of(GlobalRole.SYSTEM_ADMIN));
        admin.resetPassword(passwordEncoder.encode(oneTimePassword));
        users.save(admin);
        log.warn("""

                ================================================================
                 No system admin existed, so one was created:
                   email:    {}
                   password: {}
                 This one-time password is shown only now; it must be changed at
                 the first sign-in. Set PORTAL_ADMIN_EMAIL and PORTAL_ADMIN_PASSWORD
                 to choose the first admin yourself.
                ================================================================""", GENERATED_ADMIN_EMAIL,
                oneTimePassword);
    }

    private static String generatePassword() {
        var random = new SecureRandom();
        var password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }
}
