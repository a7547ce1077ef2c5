package org.burnrate.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.burnrate.base.ConflictException;
import org.burnrate.base.ConsumptionUnits;
import org.burnrate.budget.BudgetAdministration;
import org.burnrate.budget.BudgetExpiry;
import org.burnrate.budget.GroupAdminView;
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
import org.burnrate.ledger.Balance;
import org.burnrate.ledger.Ledger;
import org.burnrate.ledger.LedgerLineView;
import org.burnrate.ledger.LineType;
import org.burnrate.metering.MeteringService;
import org.burnrate.notification.NotificationService;
import org.burnrate.notification.NotificationSummary;
import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.NewUser;
import org.burnrate.organization.UserService;
import org.burnrate.provisioning.ProvisioningService;
import org.burnrate.provisioning.ProvisioningService.ProvisionRequest;
import org.burnrate.provisioning.ResourceState;
import org.burnrate.provisioning.ResourceView;
import org.burnrate.security.PortalUserDirectory;
import org.burnrate.security.SystemActor;
import org.burnrate.support.SignIn;
import org.burnrate.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;

/**
 * Group end dates and group-admin budget periods enforced by the expiry run, with the injected
 * clock; on H2 and PostgreSQL. The database is shared with other tests, so every assertion is about
 * this test's own groups, people and accounts.
 */
abstract class ExpiryTests {

    /** The lab's last day: eight days after {@link TestClock#START} (2026-11-24). */
    static final LocalDate LAST_DAY = LocalDate.of(2026, 12, 2);

    @Autowired
    ExpiryService expiry;
    @Autowired
    BudgetExpiry budgetExpiry;
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
    NotificationService notificationService;
    @Autowired
    Ledger ledger;
    @Autowired
    TestClock clock;
    @Autowired
    org.burnrate.metering.UsageService usage;

    String tag;
    String sysadmin;
    String lopez;
    String ada;
    String ben;
    GroupAdminView lopezBudget;
    GroupView lab;
    MemberView adaInLab;
    MemberView benInLab;
    TemplateView vm;

    static ConsumptionUnits units(String amount) {
        return ConsumptionUnits.parse(amount);
    }

    static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).toInstant(ZoneOffset.UTC);
    }

    @BeforeEach
    void aLabEndingOnTheSecondOfDecemberWithTwoStudents() {
        clock.reset();
        // What other tests left running is metered up to now, so that this test's runs meter little else.
        SystemActor.run(() -> metering.run("test setup"));
        tag = UUID.randomUUID().toString().substring(0, 8);
        sysadmin = person("sysadmin", Set.of(GlobalRole.SYSTEM_ADMIN));
        lopez = person("lopez", Set.of());
        ada = person("ada", Set.of());
        ben = person("ben", Set.of());
        SignIn.as(directory, sysadmin);
        currency.set("EUR", new BigDecimal("0.05"), null);
        lopezBudget = administration.appoint(lopez, units("20000"), null, null);
        vm = catalog.create(new TemplateDraft("VM " + tag, "", TemplateKind.STANDALONE, null, Billing.TIME, "simulated",
                Map.of(), null, true, ExhaustionPolicy.DEFAULT),
                BurnRate.running(units("40"), Duration.ofHours(1), Duration.ofMinutes(1)));
        SignIn.as(directory, lopez);
        lab = groups.create(null, new GroupDetails("Lab " + tag, "", null, LAST_DAY, units("100"), false),
                units("1000"));
        adaInLab = members.add(lab.id(), ada, null, MemberRole.MEMBER);
        benInLab = members.add(lab.id(), ben, null, MemberRole.MEMBER);
        catalog.allowTemplates(lab.id(), List.of(vm.id()));
    }

    @AfterEach
    void ledgerStillAddsUp() {
        SignIn.out();
        assertThat(ledger.verifyBalances()).isEmpty();
        clock.reset();
    }

    String person(String kind, Set<GlobalRole> roles) {
        String email = kind + "-" + UUID.randomUUID() + "@expiry.test";
        SystemActor.run(() -> users.create(new NewUser(email, "The " + kind, "a long test password", roles, false)));
        return email;
    }

    ExpiryRun runAt(Instant now) {
        clock.set(now);
        return SystemActor.call(expiry::run);
    }

    /** What {@code email} was told that mentions {@code about}, newest first. */
    List<NotificationSummary> told(String email, String about) {
        var previous = org.springframework.security.core.context.SecurityContextHolder.getContext();
        try {
            SignIn.as(directory, email);
            return notificationService.page(PageRequest.of(0, 200)).getContent().stream()
                    .filter(n -> n.title().contains(about) || n.body().contains(about)).toList();
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.setContext(previous);
        }
    }

    Balance balance(long accountId) {
        return ledger.balance(accountId);
    }

    /** The EXPIRY lines that gave the account's unused units back (not those its children gave it). */
    List<LedgerLineView> expiryLines(long accountId) {
        return SystemActor.call(() -> ledger.lines(accountId, Set.of(LineType.EXPIRY), null, null,
                PageRequest.of(0, 100))).getContent().stream().filter(line -> line.accountId() == accountId).toList();
    }

    ResourceView provisionAs(String email, long groupId, boolean shared) {
        SignIn.as(directory, email);
        return provisioning.provision(groupId, new ProvisionRequest(vm.id(), "vm of " + email, null, null, shared));
    }

    @Test
    void membersAndTheAdminAreRemindedSevenDaysAndOneDayBeforeTheLastDayOnceEach() {
        runAt(at(LAST_DAY.minusDays(8), 10, 0));
        assertThat(told(ada, lab.name())).as("eight days before: too early").isEmpty();

        var weekBefore = runAt(at(LAST_DAY.minusDays(7), 0, 5));
        runAt(at(LAST_DAY.minusDays(7), 1, 5));
        runAt(at(LAST_DAY.minusDays(3), 12, 0));

        assertThat(weekBefore.remindersSent()).as("ada, ben and lopez, at least").isGreaterThanOrEqualTo(3);
        for (String email : List.of(ada, ben, lopez)) {
            assertThat(told(email, lab.name())).as(email).singleElement().satisfies(n -> {
                assertThat(n.title()).contains("in 7 days");
                assertThat(n.body()).contains("2026-12-02");
                assertThat(n.topic()).isEqualTo(ExpiryService.TOPIC);
            });
        }

        runAt(at(LAST_DAY.minusDays(1), 0, 5));
        runAt(at(LAST_DAY.minusDays(1), 1, 5));
        runAt(at(LAST_DAY, 23, 55));

        for (String email : List.of(ada, ben, lopez)) {
            assertThat(told(email, lab.name())).as(email).extracting(NotificationSummary::title)
                    .containsExactly("Group '" + lab.name() + "' has its last day tomorrow",
                            "Group '" + lab.name() + "' has its last day in 7 days");
        }
        assertThat(balance(lab.budget().accountId()).closed()).as("the last day is not over yet").isFalse();
    }

    @Test
    void afterTheLastDayRunningResourcesStopAndUnusedBudgetReturnsUpTheChainOnce() {
        clock.set(at(LAST_DAY, 23, 0));
        var adasVm = provisionAs(ada, lab.id(), false);
        var sharedVm = provisionAs(lopez, lab.id(), true);
        assertThat(adasVm.state()).isEqualTo(ResourceState.RUNNING);

        var lastMinutes = runAt(at(LAST_DAY, 23, 59));
        assertThat(lastMinutes.groupsEnded()).isZero();
        SignIn.as(directory, ada);
        assertThat(provisioning.get(adasVm.id()).state()).as("still its last day").isEqualTo(ResourceState.RUNNING);

        var end = runAt(at(LAST_DAY.plusDays(1), 0, 30));

        assertThat(end.groupsEnded()).isGreaterThanOrEqualTo(1);
        assertThat(end.deferred()).noneMatch(d -> d.contains(lab.name()));
        SignIn.as(directory, ada);
        var stopped = provisioning.get(adasVm.id());
        assertThat(stopped.state()).isEqualTo(ResourceState.STOPPED);
        assertThat(stopped.history().getLast().confirmedBy()).contains("group ended");
        SignIn.as(directory, lopez);
        assertThat(provisioning.get(sharedVm.id()).state()).as("shared ones too").isEqualTo(ResourceState.STOPPED);

        // 90 minutes at 40 units an hour: 60 units each, consumed where they were spent.
        var member = balance(adaInLab.budget().accountId());
        var idle = balance(benInLab.budget().accountId());
        var group = balance(lab.budget().accountId());
        var admin = balance(lopezBudget.budget().accountId());
        assertThat(member.consumed()).isEqualTo(units("60.0000"));
        assertThat(member.held()).isEqualTo(ConsumptionUnits.ZERO);
        assertThat(member.allocated()).as("100, less the unused 40").isEqualTo(units("60.0000"));
        assertThat(idle.allocated()).as("all 100 unused").isEqualTo(ConsumptionUnits.ZERO);
        assertThat(group.allocated()).as("1000, less the unused 940").isEqualTo(units("60.0000"));
        assertThat(group.consumed()).isEqualTo(units("60.0000"));
        assertThat(admin.allocatedToChildren()).isEqualTo(units("60.0000"));
        assertThat(admin.consumed()).as("ada's VM and the shared one").isEqualTo(units("120.0000"));
        assertThat(admin.closed()).as("the admin's budget has no period end").isFalse();
        assertThat(List.of(member, idle, group)).allMatch(Balance::closed);

        assertThat(expiryLines(adaInLab.budget().accountId())).singleElement().satisfies(line -> {
            assertThat(line.amount()).isEqualTo(units("40.0000"));
            assertThat(line.counterAccountId()).isEqualTo(lab.budget().accountId());
        });
        assertThat(expiryLines(benInLab.budget().accountId())).extracting(LedgerLineView::amount)
                .containsExactly(units("100"));
        assertThat(expiryLines(lab.budget().accountId())).singleElement().satisfies(line -> {
            assertThat(line.amount()).isEqualTo(units("940.0000"));
            assertThat(line.counterAccountId()).isEqualTo(lopezBudget.budget().accountId());
            assertThat(line.reason()).contains(lab.name(), "2026-12-02");
        });

        for (String email : List.of(ada, ben)) {
            assertThat(told(email, "has ended")).as(email).singleElement()
                    .satisfies(n -> assertThat(n.title()).contains(lab.name()));
        }
        assertThat(told(lopez, "has ended")).singleElement()
                .satisfies(n -> assertThat(n.body()).contains("940.0000 units returned to your budget"));

        // A second run, and a second end, change nothing and tell nobody again.
        var again = runAt(at(LAST_DAY.plusDays(1), 1, 30));
        assertThat(again.deferred()).noneMatch(d -> d.contains(lab.name()));
        assertThat(SystemActor.call(() -> budgetExpiry.expireGroup(lab.id()))).isEmpty();
        assertThat(balance(adaInLab.budget().accountId())).isEqualTo(member);
        assertThat(balance(lab.budget().accountId())).isEqualTo(group);
        assertThat(balance(lopezBudget.budget().accountId())).isEqualTo(admin);
        assertThat(expiryLines(lab.budget().accountId())).hasSize(1);
        for (String email : List.of(ada, ben, lopez)) {
            assertThat(told(email, "has ended")).as(email).hasSize(1);
        }

        SignIn.as(directory, ada);
        assertThatThrownBy(() -> provisioning.start(adasVm.id(), null)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("ended");
    }

    @Test
    void aResourceKeptStoppedWithAStoppedRateOwesNothingAfterItsGroupEnded() {
        SignIn.as(directory, sysadmin);
        var keptVm = catalog.create(new TemplateDraft("Kept VM " + tag, "", TemplateKind.STANDALONE, null, Billing.TIME,
                "simulated", Map.of(), null, true, ExhaustionPolicy.DEFAULT), new BurnRate(units("40"),
                        Duration.ofHours(1), Duration.ofMinutes(1), units("6"), ConsumptionUnits.ZERO));
        SignIn.as(directory, lopez);
        catalog.allowTemplates(lab.id(), List.of(vm.id(), keptVm.id()));
        clock.set(at(LAST_DAY, 23, 0));
        SignIn.as(directory, ada);
        var kept = provisioning.provision(lab.id(), new ProvisionRequest(keptVm.id(), "kept", null, null, false));
        clock.set(at(LAST_DAY, 23, 30));
        provisioning.stop(kept.id());

        var end = runAt(at(LAST_DAY.plusDays(1), 0, 30));
        assertThat(end.deferred()).noneMatch(d -> d.contains(lab.name()));
        var member = balance(adaInLab.budget().accountId());
        assertThat(member.closed()).isTrue();
        assertThat(member.consumed()).as("30 running minutes, then a stopped hour at 0.1 a minute")
                .isEqualTo(units("26.0000"));
        assertThat(member.allocated()).as("the unused rest went back").isEqualTo(units("26.0000"));

        // A day later it is still kept, stopped, and burns nothing more into the closed accounts.
        clock.set(at(LAST_DAY.plusDays(2), 12, 0));
        SystemActor.run(() -> metering.run("after the end"));
        SystemActor.run(() -> metering.run("after the end, again"));
        assertThat(balance(adaInLab.budget().accountId())).isEqualTo(member);
        assertThat(ledger.debitedFor(kept.id())).isEqualTo(units("26.0000"));
        SignIn.as(directory, ada);
        assertThat(provisioning.get(kept.id()).state()).as("nothing is deleted").isEqualTo(ResourceState.STOPPED);
        assertThat(provisioning.get(kept.id()).costSoFar()).isEqualTo(units("26.0000"));
        assertThat(told(ada, "% used")).as("no budget warnings about a closed allocation").isEmpty();
    }

    @Test
    void usageReportedAfterItsGroupEndedIsRefusedWithAMessageAndChargesNothing() {
        SignIn.as(directory, sysadmin);
        var storage = catalog.create(new TemplateDraft("Storage " + tag, "", TemplateKind.STANDALONE, null,
                Billing.PER_OPERATION, "simulated", Map.of(), null, true, ExhaustionPolicy.DEFAULT), new BurnRate(
                        ConsumptionUnits.ZERO, Duration.ofHours(1), Duration.ofHours(1), ConsumptionUnits.ZERO,
                        units("0.01")));
        SignIn.as(directory, lopez);
        catalog.allowTemplates(lab.id(), List.of(vm.id(), storage.id()));
        clock.set(at(LAST_DAY, 22, 0));
        SignIn.as(directory, ada);
        var bucket = provisioning.provision(lab.id(), new ProvisionRequest(storage.id(), "bucket", null, null, false));
        SystemActor.run(() -> usage.record(List.of(new org.burnrate.metering.UsageService.UsageEvent(bucket.id(),
                new BigDecimal("100"), null, "bucket-before-" + tag))));

        runAt(at(LAST_DAY.plusDays(1), 0, 30));
        var member = balance(adaInLab.budget().accountId());
        assertThat(member.closed()).isTrue();
        assertThat(member.consumed()).isEqualTo(units("1.0000"));

        assertThatThrownBy(() -> SystemActor.run(() -> usage.record(List.of(
                new org.burnrate.metering.UsageService.UsageEvent(bucket.id(), new BigDecimal("5"), null,
                        "bucket-after-" + tag)))))
                .isInstanceOf(org.burnrate.base.InvalidInputException.class).hasMessageContaining("Event 0")
                .hasMessageContaining("ended").hasMessageContaining("not charged");
        assertThat(balance(adaInLab.budget().accountId())).isEqualTo(member);
        assertThat(ledger.debitedFor(bucket.id())).isEqualTo(units("1.0000"));
    }

    @Test
    void aGroupIsNotEndedBeforeItsLastDayIsOver() {
        assertThatThrownBy(() -> SystemActor.call(() -> budgetExpiry.expireGroup(lab.id())))
                .isInstanceOf(ConflictException.class).hasMessageContaining("until the end of 2026-12-02");
        assertThat(balance(lab.budget().accountId()).closed()).isFalse();
    }

    @Test
    void aGroupAdminsBudgetPeriodEndStopsTheirGroupsAndReturnsTheRemainderToThePool() {
        var periodEnd = TestClock.START.atZone(ZoneOffset.UTC).toLocalDate().plusDays(3);
        String tanaka = person("tanaka", Set.of());
        SignIn.as(directory, sysadmin);
        var tanakaBudget = administration.appoint(tanaka, units("5000"), null, periodEnd);
        var pool = administration.pool().accountId();
        SignIn.as(directory, tanaka);
        var course = groups.create(null, new GroupDetails("Course " + tag, "", null, null, units("100"), false),
                units("1000"));
        var adaInCourse = members.add(course.id(), ada, null, MemberRole.MEMBER);
        catalog.allowTemplates(course.id(), List.of(vm.id()));

        var threeDaysBefore = runAt(TestClock.START);
        runAt(TestClock.START.plus(Duration.ofHours(1)));
        assertThat(threeDaysBefore.remindersSent()).isGreaterThanOrEqualTo(1);
        assertThat(told(tanaka, "group-admin budget")).singleElement()
                .satisfies(n -> assertThat(n.title()).contains("in 3 days"));
        runAt(at(periodEnd.minusDays(1), 8, 0));
        runAt(at(periodEnd, 8, 0));
        assertThat(told(tanaka, "group-admin budget")).extracting(NotificationSummary::title).containsExactly(
                "Your group-admin budget has its last day tomorrow", "Your group-admin budget has its last day in 3 days");

        clock.set(at(periodEnd, 23, 0));
        var adasVm = provisionAs(ada, course.id(), false);
        var sharedVm = provisionAs(tanaka, course.id(), true);

        var end = runAt(at(periodEnd.plusDays(1), 0, 30));

        assertThat(end.adminBudgetsEnded()).isGreaterThanOrEqualTo(1);
        SignIn.as(directory, tanaka);
        assertThat(provisioning.get(adasVm.id()).state()).isEqualTo(ResourceState.STOPPED);
        assertThat(provisioning.get(sharedVm.id()).state()).isEqualTo(ResourceState.STOPPED);
        var member = balance(adaInCourse.budget().accountId());
        var group = balance(course.budget().accountId());
        var admin = balance(tanakaBudget.budget().accountId());
        assertThat(member.consumed()).isEqualTo(units("60.0000"));
        assertThat(group.allocated()).isEqualTo(units("60.0000"));
        assertThat(admin.consumed()).isEqualTo(units("120.0000"));
        assertThat(admin.allocated()).as("5000, less the unused 4880").isEqualTo(units("120.0000"));
        assertThat(List.of(member, group, admin)).allMatch(Balance::closed);
        assertThat(expiryLines(course.budget().accountId())).extracting(LedgerLineView::amount)
                .containsExactly(units("940.0000"));
        assertThat(expiryLines(tanakaBudget.budget().accountId())).singleElement().satisfies(line -> {
            assertThat(line.amount()).isEqualTo(units("4880.0000"));
            assertThat(line.counterAccountId()).isEqualTo(pool);
        });
        assertThat(told(tanaka, "period has ended")).singleElement().satisfies(n -> assertThat(n.body())
                .contains("4880.0000 units returned to the organization pool", course.name()));
        assertThat(told(ada, "Group '" + course.name() + "' has ended")).hasSize(1);

        var again = runAt(at(periodEnd.plusDays(1), 1, 30));
        assertThat(again.deferred()).noneMatch(d -> d.contains("of The tanaka"));
        assertThat(SystemActor.call(() -> budgetExpiry.expireAdminBudget(tanakaBudget.id()))).isEmpty();
        assertThat(balance(tanakaBudget.budget().accountId())).isEqualTo(admin);
        assertThat(expiryLines(tanakaBudget.budget().accountId())).hasSize(1);
        assertThat(told(tanaka, "period has ended")).hasSize(1);
        assertThat(told(ada, "Group '" + course.name() + "' has ended")).hasSize(1);
        assertThat(told(tanaka, "Group '" + course.name() + "' has ended"))
                .as("the admin hears of the budget, which names its groups").isEmpty();
    }
}
