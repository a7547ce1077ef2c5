package org.burnrate.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.burnrate.base.ConsumptionUnits;
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
    @Autowired
    TemplateCatalog catalog;
    @Autowired
    TemplateDirectory directoryOfTemplates;

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
    void thePriceListTheDebitJobAndUsageReadSeesEveryChangeAtOnce() {
        // Half-way to the other tests' settings, so that each test's values stay the newest it sees.
        clock.set(clock.instant().minus(Duration.ofDays(500)));
        SignIn.as(directory, admin);
        var start = clock.instant();
        settings.set("EUR", new BigDecimal("0.05"), null);
        var template = catalog.create(new TemplateDraft("Priced " + UUID.randomUUID(), "", TemplateKind.STANDALONE,
                null, Billing.PER_OPERATION, "simulated", java.util.Map.of(), null, true, ExhaustionPolicy.DEFAULT),
                new BurnRate(ConsumptionUnits.ZERO, Duration.ofHours(1), Duration.ofMinutes(1), ConsumptionUnits.ZERO,
                        ConsumptionUnits.parse("0.01")));
        var before = directoryOfTemplates.priceList();
        assertThat(before.pricing(template.id()).template().currentRate().rate().unitsPerOperation())
                .isEqualTo(ConsumptionUnits.parse("0.01"));

        clock.advance(Duration.ofMinutes(1));
        catalog.scheduleRate(template.id(), new BurnRate(ConsumptionUnits.ZERO, Duration.ofHours(1),
                Duration.ofMinutes(1), ConsumptionUnits.ZERO, ConsumptionUnits.parse("0.02")), null);
        settings.set("EUR", new BigDecimal("0.07"), null);
        catalog.update(template.id(), new TemplateDraft("Renamed " + template.name(), "", TemplateKind.STANDALONE,
                null, Billing.PER_OPERATION, "simulated", java.util.Map.of(), null, true, ExhaustionPolicy.DEFAULT));

        var after = directoryOfTemplates.priceList();
        var pricing = after.pricing(template.id());
        assertThat(pricing.template().currentRate().rate().unitsPerOperation()).isEqualTo(ConsumptionUnits.parse("0.02"));
        assertThat(pricing.template().name()).startsWith("Renamed ");
        assertThat(pricing.rates()).as("newest first, the old version kept").hasSize(2);
        assertThat(after.unitValueAt(clock.instant()).orElseThrow().valuePerUnit()).isEqualByComparingTo("0.07");
        assertThat(after.unitValueAt(start).orElseThrow().valuePerUnit()).isEqualByComparingTo("0.05");
        assertThat(before.pricing(template.id()).template().name()).as("a list once read stays as it was")
                .doesNotStartWith("Renamed ");
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
