package org.burnrate.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

import org.burnrate.base.ConflictException;
import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.burnrate.budget.BudgetAdministration;
import org.burnrate.budget.GroupDetails;
import org.burnrate.budget.GroupService;
import org.burnrate.budget.GroupView;
import org.burnrate.budget.MemberRole;
import org.burnrate.budget.MemberView;
import org.burnrate.budget.MembershipService;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.ExhaustionPolicy;
import org.burnrate.catalog.TemplateCatalog;
import org.burnrate.catalog.TemplateDraft;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.catalog.TemplateView;
import org.burnrate.ledger.AccountKind;
import org.burnrate.ledger.BudgetExceededException;
import org.burnrate.ledger.Ledger;
import org.burnrate.ledger.LedgerLineView;
import org.burnrate.ledger.LineType;
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
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;

/** Quotes, holds, the lifecycle, hosting plans and scopes through the services; on H2 and PostgreSQL. */
abstract class ProvisioningTests {

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
    org.springframework.context.ApplicationEventPublisher events;

    String lopez;
    String ada;
    String ben;
    GroupView lab;
    MemberView adaInLab;
    MemberView benInLab;
    TemplateView vm;
    TemplateView database;
    TemplateView plan;
    TemplateView webApp;
    TemplateView broken;

    static ConsumptionUnits units(String amount) {
        return ConsumptionUnits.parse(amount);
    }

    @BeforeEach
    void aLabWithTwoStudentsAndTheSeedsTemplates() {
        clock.reset();
        String sysadmin = person("sysadmin", Set.of(GlobalRole.SYSTEM_ADMIN));
        lopez = person("lopez", Set.of());
        ada = person("ada", Set.of());
        ben = person("ben", Set.of());
        SignIn.as(directory, sysadmin);
        currency.set("EUR", new BigDecimal("0.05"), null);
        administration.appoint(lopez, units("2000"), null, null);
        String tag = " " + UUID.randomUUID();
        vm = template("VM" + tag, TemplateKind.STANDALONE, null, "40", Duration.ofMinutes(1), 2, "simulated");
        database = template("Database" + tag, TemplateKind.STANDALONE, null, "2", Duration.ofHours(24), 1, "simulated");
        plan = template("Hosting plan" + tag, TemplateKind.CONTAINER, null, "10", Duration.ofHours(1), null, "simulated");
        webApp = template("Web app" + tag, TemplateKind.CHILD, plan.id(), "0", Duration.ofHours(1), 3, "simulated");
        broken = template("Broken" + tag, TemplateKind.STANDALONE, null, "40", Duration.ofMinutes(1), null, "nowhere");

        SignIn.as(directory, lopez);
        lab = groups.create(null, new GroupDetails("Lab" + tag, "", LocalDate.of(2026, 9, 1), LocalDate.of(2027, 1, 31),
                units("100"), false), units("1000"));
        adaInLab = members.add(lab.id(), ada, null, MemberRole.MEMBER);
        benInLab = members.add(lab.id(), ben, null, MemberRole.MEMBER);
        catalog.allowTemplates(lab.id(), List.of(vm.id(), database.id(), plan.id(), webApp.id(), broken.id()));
    }

    @AfterEach
    void ledgerStillAddsUp() {
        SignIn.out();
        assertThat(ledger.verifyBalances()).isEmpty();
        clock.reset();
    }

    String person(String kind, Set<GlobalRole> roles) {
        String email = kind + "-" + UUID.randomUUID() + "@provisioning.test";
        SystemActor.run(() -> users.create(new NewUser(email, "The " + kind, "a long test password", roles, false)));
        return email;
    }

    TemplateView template(String name, TemplateKind kind, Long parent, String unitsPerHour, Duration minimumSpan,
            Integer maxPerMember, String provider) {
        return catalog.create(new TemplateDraft(name, "", kind, parent, Billing.TIME, provider, Map.of(), maxPerMember, true,
                ExhaustionPolicy.DEFAULT), BurnRate.running(units(unitsPerHour), Duration.ofHours(1), minimumSpan));
    }

    ResourceView provision(TemplateView template, String name) {
        return provisioning.provision(lab.id(), new ProvisionRequest(template.id(), name, null, null, false));
    }

    @Test
    void theQuoteShowsTheRateTheMinimumChargeAndHowLongEachLevelLasts() {
        SignIn.as(directory, ada);
        var quote = provisioning.quote(lab.id(), vm.id(), false);

        assertThat(quote.allowed()).isTrue();
        assertThat(quote.minimumSpan()).isEqualTo(Duration.ofMinutes(1));
        assertThat(quote.minimumCharge()).isEqualTo(units("0.6667"));
        assertThat(quote.unitsPerHour()).isEqualTo(units("40"));
        assertThat(quote.currency()).isEqualTo("EUR");
        assertThat(quote.minimumChargeInCurrency()).isEqualByComparingTo("0.03");
        assertThat(quote.levels()).extracting(Quote.Level::level).containsExactly(Quote.LevelKind.MEMBER,
                Quote.LevelKind.GROUP, Quote.LevelKind.GROUP_ADMIN, Quote.LevelKind.ORGANIZATION);
        assertThat(quote.levels().get(0).available()).isEqualTo(units("100"));
        assertThat(quote.levels().get(0).lastsFor()).isEqualTo(Duration.ofMinutes(150));
        assertThat(quote.levels().get(1).available()).isEqualTo(units("1000"));
        assertThat(quote.levels().get(1).lastsFor()).isEqualTo(Duration.ofMinutes(1500));

        var db = provisioning.quote(lab.id(), database.id(), false);
        assertThat(db.minimumCharge()).isEqualTo(units("48"));
        assertThat(db.levels().get(0).lastsFor()).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void provisioningHoldsTheMinimumSpanAtEveryLevelAndRecordsTheConfirmedStart() {
        SignIn.as(directory, ada);
        var chain = ledger.ancestry(adaInLab.budget().accountId());
        var heldBefore = chain.stream().map(account -> ledger.balance(account).held()).toList();
        var created = provision(vm, "my vm");

        assertThat(created.state()).isEqualTo(ResourceState.RUNNING);
        assertThat(created.runningSince()).isEqualTo(clock.instant());
        assertThat(created.history()).extracting(StateChange::state).containsExactly(ResourceState.REQUESTED,
                ResourceState.RUNNING);
        for (int level = 0; level < chain.size(); level++) {
            assertThat(ledger.balance(chain.get(level)).held().minus(heldBefore.get(level)))
                    .as("held at level %s", level).isEqualTo(units("0.6667"));
        }
        assertThat(SystemActor.call(() -> ledger.linesOfResource(created.id(), PageRequest.of(0, 10))).getContent())
                .as("the hold is among the resource's own lines").singleElement().satisfies(line -> {
                    assertThat(line.type()).isEqualTo(LineType.HOLD);
                    assertThat(line.amount()).isEqualTo(units("0.6667"));
                });
        clock.advance(Duration.ofSeconds(90));
        assertThat(provisioning.get(created.id()).costSoFar()).isEqualTo(units("1.3333"));
    }

    @Test
    void aHoldNoLevelCanCoverIsRefusedNamingTheLevelAndChangesNothing() {
        SignIn.as(directory, lopez);
        members.changeAllocation(benInLab.id(), units("40"));
        SignIn.as(directory, ben);

        var quote = provisioning.quote(lab.id(), database.id(), false);
        assertThat(quote.allowed()).isFalse();
        assertThat(quote.reason()).contains("member allocation").contains("short by 8.0000");
        assertThatThrownBy(() -> provision(database, "db")).isInstanceOfSatisfying(BudgetExceededException.class, e -> {
            assertThat(e.level()).isEqualTo(AccountKind.MEMBERSHIP);
            assertThat(e.shortBy()).isEqualTo(units("8"));
        });
        assertThat(provisioning.myResources()).isEmpty();
        assertThat(ledger.balance(benInLab.budget().accountId()).held()).isEqualTo(ConsumptionUnits.ZERO);
    }

    @Test
    void stopThenStartForTwoHoursAndTheRunEndsOnTime() {
        SignIn.as(directory, ada);
        var created = provision(vm, "vm");
        clock.advance(Duration.ofMinutes(5));
        var stopped = provisioning.stop(created.id());
        assertThat(stopped.state()).isEqualTo(ResourceState.STOPPED);
        assertThat(stopped.runningSince()).isNull();
        assertThatThrownBy(() -> provisioning.stop(created.id())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("only a running resource can be stopped");

        clock.advance(Duration.ofMinutes(5));
        var started = provisioning.start(created.id(), Duration.ofHours(2));
        assertThat(started.state()).isEqualTo(ResourceState.RUNNING);
        assertThat(started.stopAt()).isEqualTo(clock.instant().plus(Duration.ofHours(2)));

        clock.advance(Duration.ofMinutes(119));
        assertThat(SystemActor.call(provisioning::stopExpiredRuns)).isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(SystemActor.call(provisioning::stopExpiredRuns)).isEqualTo(1);
        var after = provisioning.get(created.id());
        assertThat(after.state()).isEqualTo(ResourceState.STOPPED);
        // 5 minutes, then exactly 120: 125 spans of a minute at 40 units an hour.
        assertThat(after.costSoFar()).isEqualTo(units("83.3333"));
        assertThat(after.history()).extracting(StateChange::state).containsExactly(ResourceState.REQUESTED,
                ResourceState.RUNNING, ResourceState.STOPPED, ResourceState.RUNNING, ResourceState.STOPPED);
    }

    @Test
    void theMostInstancesOneMemberMayHoldIsEnforced() {
        SignIn.as(directory, ada);
        provision(vm, "one");
        provision(vm, "two");
        assertThat(provisioning.quote(lab.id(), vm.id(), false).reason()).contains("the most one member may hold");
        assertThatThrownBy(() -> provision(vm, "three")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("You already have 2");
        assertThat(provisioning.myResources()).hasSize(2);
    }

    @Test
    void onlyTemplatesTheGroupAllowsCanBeUsed() {
        SignIn.as(directory, lopez);
        catalog.allowTemplates(lab.id(), List.of(database.id()));
        SignIn.as(directory, ada);
        assertThatThrownBy(() -> provision(vm, "vm")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("does not offer");
    }

    @Test
    void aProviderFailureIsRecordedAndTheHoldGivenBack() {
        SignIn.as(directory, ada);
        var failed = provision(broken, "doomed");

        assertThat(failed.state()).isEqualTo(ResourceState.FAILED);
        assertThat(failed.failure()).contains("No provider named 'nowhere'");
        assertThat(ledger.balance(adaInLab.budget().accountId()).held()).isEqualTo(ConsumptionUnits.ZERO);
        assertThat(SystemActor.call(() -> ledger.linesOfResource(failed.id(), PageRequest.of(0, 10))).getContent())
                .as("its hold and the hold given back, newest first").extracting(LedgerLineView::type)
                .containsExactly(LineType.RELEASE, LineType.HOLD);
        var deleted = provisioning.delete(failed.id(), false);
        assertThat(deleted.state()).isEqualTo(ResourceState.DELETED);
    }

    @Test
    void aMemberCannotSeeStartOrStopAnotherMembersResource() {
        SignIn.as(directory, ada);
        var adas = provision(vm, "ada's vm");

        SignIn.as(directory, ben);
        assertThatThrownBy(() -> provisioning.get(adas.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> provisioning.stop(adas.id())).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> provisioning.start(adas.id(), null)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> provisioning.delete(adas.id(), false)).isInstanceOf(NotFoundException.class);
        assertThat(provisioning.groupResources(lab.id())).isEmpty();

        SignIn.as(directory, lopez);
        assertThat(provisioning.groupResources(lab.id())).extracting(ResourceView::name).containsExactly("ada's vm");
        assertThat(provisioning.stop(adas.id()).state()).isEqualTo(ResourceState.STOPPED);
    }

    @Test
    void aHostingPlanBurnsTheAdminsBudgetIsSharedAndOnlyItsOwnerManagesIt() {
        SignIn.as(directory, ada);
        assertThatThrownBy(() -> provision(plan, "plan")).isInstanceOf(AccessDeniedException.class);

        SignIn.as(directory, lopez);
        var hosting = provisioning.provision(lab.id(), new ProvisionRequest(plan.id(), "CS240 plan", null, null, true));
        assertThat(hosting.shared()).isTrue();
        assertThat(hosting.state()).isEqualTo(ResourceState.RUNNING);
        long adminAccount = ledger.ancestry(lab.budget().accountId()).get(1);
        assertThat(ledger.balance(adminAccount).held()).isEqualTo(units("10"));
        assertThat(ledger.balance(lab.budget().accountId()).held()).isEqualTo(ConsumptionUnits.ZERO);

        SignIn.as(directory, ada);
        assertThat(provisioning.groupResources(lab.id())).extracting(ResourceView::name).containsExactly("CS240 plan");
        assertThat(provisioning.get(hosting.id()).canManage()).isFalse();
        assertThatThrownBy(() -> provisioning.stop(hosting.id())).isInstanceOf(AccessDeniedException.class);
        assertThat(provisioning.containersFor(lab.id(), webApp.id())).extracting(ResourceView::id)
                .containsExactly(hosting.id());
        var app = provisioning.provision(lab.id(), new ProvisionRequest(webApp.id(), "ada's site", null, hosting.id(), false));
        assertThat(app.state()).isEqualTo(ResourceState.RUNNING);
        assertThat(app.parentResourceId()).isEqualTo(hosting.id());
        assertThat(ledger.balance(adaInLab.budget().accountId()).held()).as("a web app burns nothing")
                .isEqualTo(ConsumptionUnits.ZERO);
        assertThatThrownBy(() -> provisioning.provision(lab.id(), new ProvisionRequest(webApp.id(), "orphan", null, null,
                false))).isInstanceOf(InvalidInputException.class).hasMessageContaining("lives in a container");

        SignIn.as(directory, lopez);
        assertThat(provisioning.stop(hosting.id()).state()).isEqualTo(ResourceState.STOPPED);
        assertThat(provisioning.get(app.id()).state()).as("stopping a container stops its apps")
                .isEqualTo(ResourceState.STOPPED);
        assertThatThrownBy(() -> provisioning.delete(hosting.id(), false)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("still holds 1 app");
        assertThat(provisioning.get(hosting.id()).state()).isEqualTo(ResourceState.STOPPED);
        provisioning.delete(hosting.id(), true);
        assertThat(provisioning.get(hosting.id()).state()).isEqualTo(ResourceState.DELETED);
        assertThat(provisioning.get(app.id()).state()).isEqualTo(ResourceState.DELETED);
    }

    @Test
    void lateOrImpossibleProviderReportsChangeNothing() {
        SignIn.as(directory, ada);
        var created = provision(vm, "vm");
        clock.advance(Duration.ofMinutes(10));
        provisioning.stop(created.id());

        var late = new ProviderReport("simulated", created.id(), ResourceState.RUNNING, clock.instant().minusSeconds(60),
                null, null);
        assertThat(SystemActor.call(() -> provisioning.applyProviderReport(late))).isFalse();
        var repeated = new ProviderReport("simulated", created.id(), ResourceState.STOPPED, clock.instant(), null, null);
        assertThat(SystemActor.call(() -> provisioning.applyProviderReport(repeated))).isFalse();
        var wrongProvider = new ProviderReport("webhook", created.id(), ResourceState.RUNNING, clock.instant(), null, null);
        assertThatThrownBy(() -> SystemActor.call(() -> provisioning.applyProviderReport(wrongProvider)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(provisioning.get(created.id()).history()).hasSize(3);
    }

    @Test
    void aStateChangeTheProviderReportsLaterIsApplied() {
        SignIn.as(directory, ada);
        var created = provision(vm, "vm");
        clock.advance(Duration.ofMinutes(3));

        // The VM shut itself down; the provider says so as an event, as the simulated provider does after its delay.
        events.publishEvent(new ProviderReport("simulated", created.id(), ResourceState.STOPPED, clock.instant(), null,
                "shut down by its user"));

        var after = provisioning.get(created.id());
        assertThat(after.state()).isEqualTo(ResourceState.STOPPED);
        assertThat(after.history().getLast().note()).isEqualTo("shut down by its user");
        assertThat(after.costSoFar()).as("three started minutes").isEqualTo(units("2"));
    }

    @Test
    void twoHundredConcurrentProvisionsAgainstABudgetForSevenHoldsSucceedExactlySevenTimes() throws Exception {
        SignIn.as(directory, lopez);
        String tag = UUID.randomUUID().toString();
        SystemActor.run(() -> {
            var burst = template("Burst VM " + tag, TemplateKind.STANDALONE, null, "40", Duration.ofMinutes(1), null,
                    "simulated");
            catalog.allowTemplates(lab.id(), List.of(burst.id()));
        });
        long burstId = catalog.allowedTemplates(lab.id()).getFirst().id();
        members.changeAllocation(adaInLab.id(), units("0.6667").plus(units("0.6667")).plus(units("0.6667"))
                .plus(units("0.6667")).plus(units("0.6667")).plus(units("0.6667")).plus(units("0.6667")));

        var start = new CountDownLatch(1);
        List<Future<Object>> results = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < 200; i++) {
                int index = i;
                results.add(pool.submit(() -> {
                    SignIn.as(directory, ada);
                    start.await();
                    try {
                        return provisioning.provision(lab.id(), new ProvisionRequest(burstId, "burst " + index, null,
                                null, false));
                    } catch (BudgetExceededException refused) {
                        return refused;
                    } finally {
                        SignIn.out();
                    }
                }));
            }
            start.countDown();
            int succeeded = 0;
            for (var result : results) {
                var outcome = result.get(120, TimeUnit.SECONDS);
                if (outcome instanceof ResourceView view) {
                    assertThat(view.state()).isEqualTo(ResourceState.RUNNING);
                    succeeded++;
                } else {
                    assertThat(((BudgetExceededException) outcome).level()).isEqualTo(AccountKind.MEMBERSHIP);
                    assertThat(((BudgetExceededException) outcome).getMessage()).contains("member allocation");
                }
            }
            assertThat(succeeded).isEqualTo(7);
        }
        SignIn.as(directory, ada);
        assertThat(provisioning.myResources()).hasSize(7);
        var balance = ledger.balance(adaInLab.budget().accountId());
        assertThat(balance.held()).isEqualTo(units("4.6669"));
        assertThat(balance.available()).isEqualTo(ConsumptionUnits.ZERO);
    }
}
