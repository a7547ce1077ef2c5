package org.burnrate.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.burnrate.BurnrateApplication;
import org.burnrate.base.ConsumptionUnits;
import org.burnrate.budget.BudgetAdministration;
import org.burnrate.budget.GroupDetails;
import org.burnrate.budget.GroupService;
import org.burnrate.budget.MemberRole;
import org.burnrate.budget.MembershipService;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.ExhaustionPolicy;
import org.burnrate.catalog.TemplateCatalog;
import org.burnrate.catalog.TemplateDraft;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.ledger.Ledger;
import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.NewUser;
import org.burnrate.organization.UserService;
import org.burnrate.provisioning.ProvisioningService;
import org.burnrate.provisioning.ProvisioningService.ProvisionRequest;
import org.burnrate.provisioning.ResourceView;
import org.burnrate.security.PortalUserDirectory;
import org.burnrate.security.SystemActor;
import org.burnrate.support.PostgresTest;
import org.burnrate.support.SignIn;
import org.burnrate.support.TestClock;
import org.burnrate.support.TestClockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Two portal nodes on one PostgreSQL database: this test's Spring context and a second one started
 * beside it, each with its own clock set to the same simulated time, run the debit job at the same
 * moments over two simulated hours, the second in chunks of three resources. Every owed span is
 * written exactly once.
 */
@PostgresTest
class TwoNodeMeteringPostgresTest {

    @Autowired
    MeteringService metering;
    @Autowired
    ProvisioningService provisioning;
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
    @Autowired
    SecurityContextHolderStrategy strategy;

    ConfigurableApplicationContext secondNode;

    @BeforeEach
    void startTheSecondNode() {
        secondNode = new SpringApplicationBuilder(BurnrateApplication.class, TestClockConfiguration.class)
                .web(WebApplicationType.SERVLET)
                // Chunks of three: the second node reads each next chunk ahead while the first node writes too.
                .properties("server.port=0", "portal.metering.chunk-size=3").profiles("test", "postgres", "test-pg")
                .run();
        // Starting a context installs its security-context strategy globally; this test's own goes back.
        SecurityContextHolder.setContextHolderStrategy(strategy);
    }

    /** Runs the second node's job as its system actor, through that node's own security-context strategy. */
    MeteringRunView runOnSecondNode() {
        var otherStrategy = secondNode.getBean(SecurityContextHolderStrategy.class);
        var context = otherStrategy.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(SystemActor.NAME, null,
                List.of(new SimpleGrantedAuthority("ROLE_" + org.burnrate.security.Roles.SYSTEM_ADMIN))));
        otherStrategy.setContext(context);
        try {
            return secondNode.getBean(MeteringService.class).run("node two");
        } finally {
            otherStrategy.clearContext();
        }
    }

    @AfterEach
    void stopTheSecondNode() {
        SignIn.out();
        secondNode.close();
        clock.reset();
    }

    static ConsumptionUnits units(String amount) {
        return ConsumptionUnits.parse(amount);
    }

    String person(String kind, Set<GlobalRole> roles) {
        String email = kind + "-" + UUID.randomUUID() + "@two-nodes.test";
        SystemActor.run(() -> users.create(new NewUser(email, "The " + kind, "a long test password", roles, false)));
        return email;
    }

    @Test
    void twoNodesRunningTheJobTogetherWriteEveryOwedSpanExactlyOnce() throws Exception {
        clock.reset();
        var otherClock = secondNode.getBean(TestClock.class);
        otherClock.reset();
        SystemActor.run(() -> metering.run("two nodes setup"));
        String sysadmin = person("sysadmin", Set.of(GlobalRole.SYSTEM_ADMIN));
        String instructor = person("instructor", Set.of());
        SignIn.as(directory, sysadmin);
        currency.set("EUR", new BigDecimal("0.05"), null);
        administration.appoint(instructor, units("50000"), null, null);
        var vm = catalog.create(new TemplateDraft("Two-node VM " + UUID.randomUUID(), "", TemplateKind.STANDALONE, null,
                Billing.TIME, "simulated", Map.of(), null, true, ExhaustionPolicy.DEFAULT),
                BurnRate.running(units("40"), Duration.ofHours(1), Duration.ofMinutes(1)));
        SignIn.as(directory, instructor);
        var group = groups.create(null, new GroupDetails("Two nodes " + UUID.randomUUID(), "", LocalDate.of(2026, 1, 1),
                LocalDate.of(2030, 1, 1), units("1000"), false), units("20000"));
        catalog.allowTemplates(group.id(), List.of(vm.id()));
        List<ResourceView> created = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String student = person("student" + i, Set.of());
            SignIn.as(directory, instructor);
            members.add(group.id(), student, null, MemberRole.MEMBER);
            SignIn.as(directory, student);
            created.add(provisioning.provision(group.id(), new ProvisionRequest(vm.id(), "vm " + i, null, null, false)));
        }
        SignIn.out();

        try (var pool = Executors.newFixedThreadPool(2)) {
            for (int minute = 1; minute <= 120; minute += 7) {
                clock.advance(Duration.ofMinutes(7));
                otherClock.set(clock.instant());
                var start = new CountDownLatch(1);
                List<Future<MeteringRunView>> runs = List.of(
                        pool.submit(() -> {
                            start.await();
                            return SystemActor.call(() -> metering.run("node one"));
                        }),
                        pool.submit(() -> {
                            start.await();
                            return runOnSecondNode();
                        }));
                start.countDown();
                for (var run : runs) {
                    assertThat(run.get(120, TimeUnit.SECONDS).errors()).isZero();
                }
            }
        }

        for (var resource : created) {
            long id = resource.id();
            // Started at 10:00, metered last at 12:06: the 126 minutes that began before then.
            assertThat(ledger.debitedFor(id)).as("resource %s", id).isEqualTo(units("84.0000"));
        }
        assertThat(ledger.verifyBalances()).isEmpty();
    }
}
