package org.burnrate.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.burnrate.base.InvalidInputException;
import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.NewUser;
import org.burnrate.organization.UserService;
import org.burnrate.security.PortalUserDirectory;
import org.burnrate.security.SystemActor;
import org.burnrate.support.SignIn;
import org.burnrate.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/** Effective-dated currency settings; run on H2 and PostgreSQL by the subclasses. */
abstract class CurrencySettingsTests {

    @Autowired
    CurrencySettings settings;
    @Autowired
    UserService users;
    @Autowired
    PortalUserDirectory directory;
    @Autowired
    TestClock clock;

    String admin;
    String student;

    @BeforeEach
    void people() {
        admin = "admin-" + UUID.randomUUID() + "@catalog.test";
        student = "student-" + UUID.randomUUID() + "@catalog.test";
        SystemActor.run(() -> {
            users.create(new NewUser(admin, "Admin", "a long test password", Set.of(GlobalRole.SYSTEM_ADMIN), false));
            users.create(new NewUser(student, "Student", "a long test password", Set.of(), false));
        });
        // Later than the demo's or any other test's settings, which all use the clock's starting time.
        clock.set(clock.instant().plus(Duration.ofDays(1000)));
    }

    @AfterEach
    void reset() {
        clock.reset();
        SignIn.out();
    }

    @Test
    void aNewValueTakesOverFromItsEffectiveTimeAndPastValuesStayAsTheyWere() {
        SignIn.as(directory, admin);
        var start = clock.instant();
        settings.set("EUR", new BigDecimal("0.05"), null);
        settings.set("EUR", new BigDecimal("0.06"), start.plus(Duration.ofDays(30)));

        assertThat(settings.current().orElseThrow().valuePerUnit()).isEqualByComparingTo("0.05");
        assertThat(settings.valueAt(start.plus(Duration.ofDays(31))).orElseThrow().valuePerUnit())
                .isEqualByComparingTo("0.06");
        clock.advance(Duration.ofDays(40));
        assertThat(settings.current().orElseThrow().valuePerUnit()).isEqualByComparingTo("0.06");
        assertThat(settings.valueAt(start.plusSeconds(1)).orElseThrow().valuePerUnit()).isEqualByComparingTo("0.05");
        assertThat(settings.history()).extracting(v -> v.valuePerUnit().toPlainString()).startsWith("0.060000",
                "0.050000");
    }

    @Test
    void aValueCannotBeBackdatedNorSetByAnyoneButASystemAdmin() {
        SignIn.as(directory, admin);
        assertThatThrownBy(() -> settings.set("EUR", new BigDecimal("0.05"), clock.instant().minus(Duration.ofHours(1))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot start in the past");
        assertThatThrownBy(() -> settings.set("Euro", new BigDecimal("0.05"), null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ISO 4217");

        SignIn.as(directory, student);
        assertThatThrownBy(() -> settings.set("EUR", new BigDecimal("0.05"), null))
                .isInstanceOf(AccessDeniedException.class);
    }
}
