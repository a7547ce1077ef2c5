package org.burnrate.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.burnrate.base.InvalidInputException;
import org.burnrate.support.H2Test;
import org.burnrate.support.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.security.crypto.password.PasswordEncoder;

/** No default passwords: the first admin comes from the environment or gets a one-time password. */
@H2Test
class FirstAdminTest {

    @Autowired
    UserRepository users;
    @Autowired
    PasswordEncoder passwordEncoder;
    @Autowired
    PasswordRules passwordRules;
    @Autowired
    TestClock clock;

    @Test
    void withoutAnyAdminConfiguredStartUpCreatesOneWithAOneTimePasswordToBeChanged() {
        // This test context started on an empty database without PORTAL_ADMIN_EMAIL and without demo data.
        var generated = users.findByEmail(FirstAdmin.GENERATED_ADMIN_EMAIL).orElseThrow();

        assertThat(generated.roles()).contains(GlobalRole.SYSTEM_ADMIN);
        assertThat(generated.isPasswordChangeRequired()).isTrue();
        assertThat(generated.getPasswordHash()).isNotNull();
    }

    @Test
    void theAdminNamedInTheEnvironmentIsCreatedOnceWithTheirOwnPassword() {
        String email = "Env-Admin-" + UUID.randomUUID() + "@school.test";
        var firstAdmin = new FirstAdmin(users, passwordEncoder, passwordRules, clock, email, "chosen by the operator");

        firstAdmin.run(new DefaultApplicationArguments());
        firstAdmin.run(new DefaultApplicationArguments());

        var admin = users.findByEmail(email.toLowerCase()).orElseThrow();
        assertThat(admin.roles()).containsExactly(GlobalRole.SYSTEM_ADMIN);
        assertThat(admin.isPasswordChangeRequired()).isFalse();
        assertThat(passwordEncoder.matches("chosen by the operator", admin.getPasswordHash())).isTrue();
        assertThat(users.findAll().stream().filter(u -> u.getEmail().equals(email.toLowerCase()))).hasSize(1);
    }

    @Test
    void aTooShortAdminPasswordFromTheEnvironmentIsRefusedWithAClearMessage() {
        var firstAdmin = new FirstAdmin(users, passwordEncoder, passwordRules, clock,
                "weak-" + UUID.randomUUID() + "@school.test", "secret");

        assertThatThrownBy(() -> firstAdmin.run(new DefaultApplicationArguments()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 12 characters");
    }
}
