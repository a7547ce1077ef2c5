package org.burnrate.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.NotFoundException;
import org.burnrate.budget.BudgetAdministration;
import org.burnrate.budget.GroupDetails;
import org.burnrate.budget.GroupService;
import org.burnrate.budget.GroupView;
import org.burnrate.budget.MemberRole;
import org.burnrate.budget.MembershipService;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.ExhaustionPolicy;
import org.burnrate.catalog.TemplateCatalog;
import org.burnrate.catalog.TemplateDraft;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.catalog.TemplateView;
import org.burnrate.ledger.Ledger;
import org.burnrate.metering.MeteringService;
import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.NewUser;
import org.burnrate.organization.UserService;
import org.burnrate.provisioning.ProvisioningService.ProvisionRequest;
import org.burnrate.security.PortalUserDirectory;
import org.burnrate.security.SystemActor;
import org.burnrate.support.SignIn;
import org.burnrate.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;

/**
 * Showback with the test clock: the instructor's shared hosting plan, two members' apps started at
 * different times, metered spans apportioned to the apps running at each span's start; on H2 and
 * PostgreSQL.
 */
abstract class ShowbackTests {

    @Autowired
    MeteringService metering;
    @Autowired
    ProvisioningService provisioning;
    @Autowired
    Showback showback;
    @Autowired
    TemplateCatalog catalog;
    @Autowired
    CurrencySettings currency;
    @Autowired
    BudgetAdministration administration;
    @Autowired
    GroupService groups;
    @Autowired
    MembershipService members;
    @Autowired
    UserService users;
    @Autowired
    PortalUserDirectory directory;
    @Autowired
    Ledger ledger;
    @Autowired
    TestClock clock;

    String lopez;
    String ada;
    String ben;
    GroupView lab;
    TemplateView plan;
    TemplateView webApp;

    static ConsumptionUnits units(String amount) {
        return ConsumptionUnits.parse(amount);
    }

    @BeforeEach
    void aLabWithTwoStudentsAHostingPlanAndWebApps() {
        clock.reset();
        SystemActor.run(() -> metering.run("test setup"));
        String sysadmin = person("sysadmin", Set.of(GlobalRole.SYSTEM_ADMIN));
        lopez = person("lopez", Set.of());
        ada = person("ada", Set.of());
        ben = person("ben", Set.of());
        SignIn.as(directory, sysadmin);
        currency.set("EUR", new BigDecimal("0.05"), null);
        administration.appoint(lopez, units("20000"), null, null);
        String tag = " " + UUID.randomUUID();
        plan = template("Hosting plan" + tag, TemplateKind.CONTAINER, null, "10");
        webApp = template("Web app" + tag, TemplateKind.CHILD, plan.id(), "0");
        SignIn.as(directory, lopez);
        lab = groups.create(null, new GroupDetails("Lab" + tag, "", LocalDate.of(2026, 9, 1), LocalDate.of(2027, 1, 31),
                units("1000"), false), units("10000"));
        members.add(lab.id(), ada, null, MemberRole.MEMBER);
        members.add(lab.id(), ben, null, MemberRole.MEMBER);
        catalog.allowTemplates(lab.id(), List.of(plan.id(), webApp.id()));
    }

    @AfterEach
    void ledgerStillAddsUp() {
        SignIn.out();
        assertThat(ledger.verifyBalances()).isEmpty();
        clock.reset();
    }

    String person(String kind, Set<GlobalRole> roles) {
        String email = kind + "-" + UUID.randomUUID() + "@showback.test";
        SystemActor.run(() -> users.create(new NewUser(email, "The " + kind, "a long test password", roles, false)));
        return email;
    }

    TemplateView template(String name, TemplateKind kind, Long parent, String unitsPerHour) {
        return catalog.create(new TemplateDraft(name, "", kind, parent, Billing.TIME, "simulated", Map.of(), null, true,
                ExhaustionPolicy.DEFAULT), BurnRate.running(units(unitsPerHour), Duration.ofHours(1), Duration.ofMinutes(1)));
    }

    @Test
    void eachSpanIsSplitAmongTheAppsRunningAtItsStartAndTheSharesSumToTheSpan() {
        SignIn.as(directory, lopez);
        var hosting = provisioning.provision(lab.id(), new ProvisionRequest(plan.id(), "CS240 plan", null, null, true));
        clock.advance(Duration.ofSeconds(30));
        SignIn.as(directory, ada);
        var adas = provisioning.provision(lab.id(), new ProvisionRequest(webApp.id(), "ada's site", null, hosting.id(), false));
        clock.advance(Duration.ofSeconds(60));
        SignIn.as(directory, ben);
        var bens = provisioning.provision(lab.id(), new ProvisionRequest(webApp.id(), "ben's site", null, hosting.id(), false));
        clock.advance(Duration.ofSeconds(90));
        SystemActor.call(() -> metering.run("test"));

        SignIn.as(directory, lopez);
        var report = showback.of(hosting.id());
        assertThat(report.spans()).hasSize(3);
        // Spans at 0:00 (no app yet), 1:00 (ada's only), 2:00 (both).
        var first = report.spans().get(0);
        var second = report.spans().get(1);
        var third = report.spans().get(2);
        assertThat(first.unusedCapacity()).isTrue();
        assertThat(second.shares()).extracting(Showback.Share::appId).containsExactly(adas.id());
        assertThat(second.shares().getFirst().amount()).isEqualTo(second.amount());
        assertThat(third.shares()).extracting(Showback.Share::appId).containsExactly(adas.id(), bens.id());
        for (var span : report.spans()) {
            if (!span.unusedCapacity()) {
                assertThat(span.shares().stream().map(Showback.Share::amount).reduce(ConsumptionUnits.ZERO,
                        ConsumptionUnits::plus)).isEqualTo(span.amount());
            }
        }
        var spanTotal = report.spans().stream().map(Showback.Span::amount).reduce(ConsumptionUnits.ZERO, ConsumptionUnits::plus);
        assertThat(report.total()).isEqualTo(spanTotal);
        assertThat(report.unusedCapacity()).isEqualTo(first.amount());
        var appTotals = report.totals().stream().map(Showback.Share::amount).reduce(ConsumptionUnits.ZERO, ConsumptionUnits::plus);
        assertThat(appTotals.plus(report.unusedCapacity())).isEqualTo(report.total());
        assertThat(report.totals()).extracting(Showback.Share::appId).containsExactly(adas.id(), bens.id());
        assertThat(report.totals().get(1).amount()).isEqualTo(third.shares().get(1).amount());
        assertThat(report.totals().get(0).ownerName()).isEqualTo("The ada");

        // The members see the shared plan but do not manage it: no showback for them.
        SignIn.as(directory, ben);
        assertThatThrownBy(() -> showback.of(hosting.id())).isInstanceOf(AccessDeniedException.class);
        // Someone outside the group is told it does not exist.
        SignIn.as(directory, person("stranger", Set.of()));
        assertThatThrownBy(() -> showback.of(hosting.id())).isInstanceOf(NotFoundException.class);
        // An app is not a container.
        SignIn.as(directory, ada);
        assertThatThrownBy(() -> showback.of(adas.id())).isInstanceOf(org.burnrate.base.InvalidInputException.class);
    }
}
