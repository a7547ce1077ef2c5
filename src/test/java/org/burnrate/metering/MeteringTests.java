package org.burnrate.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
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

import org.burnrate.base.ConsumptionUnits;
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
import org.burnrate.catalog.TemplateDirectory;
import org.burnrate.catalog.TemplateDraft;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.catalog.TemplateView;
import org.burnrate.ledger.Ledger;
import org.burnrate.ledger.LedgerLineView;
import org.burnrate.ledger.LineType;
import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.NewUser;
import org.burnrate.organization.UserService;
import org.burnrate.provisioning.MeteringFeed;
import org.burnrate.provisioning.ProvisioningService;
import org.burnrate.provisioning.ProvisioningService.ProvisionRequest;
import org.burnrate.provisioning.ResourceState;
import org.burnrate.provisioning.ResourceView;
import org.burnrate.provisioning.StateChange;
import org.burnrate.security.PortalUserDirectory;
import org.burnrate.security.SystemActor;
import org.burnrate.support.SignIn;
import org.burnrate.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.AdditionalAnswers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.PlatformTransactionManager;

/** The debit job with an injected clock, through the services; on H2 and PostgreSQL. */
abstract class MeteringTests {

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;
    @Autowired
    MeteringService metering;
    @Autowired
    MeteringFeed feed;
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
    UsageService usage;
    @Autowired
    org.burnrate.notification.NotificationService notificationService;
    @Autowired
    TemplateDirectory templateDirectory;
    @Autowired
    MeteringRunRepository meteringRuns;
    @Autowired
    ExhaustionLadder ladder;
    @Autowired
    PlatformTransactionManager transactions;

    String sysadmin;
    String lopez;
    String ada;
    GroupView lab;
    MemberView adaInLab;
    TemplateView vm;
    TemplateView database;

    static ConsumptionUnits units(String amount) {
        return ConsumptionUnits.parse(amount);
    }

    @BeforeEach
    void aLabWithAStudentAndTheSeedsTemplates() {
        clock.reset();
        // Earlier runs of other tests leave nothing for this one to meter at this moment.
        SystemActor.run(() -> metering.run("test setup"));
        sysadmin = person("sysadmin", Set.of(GlobalRole.SYSTEM_ADMIN));
        lopez = person("lopez", Set.of());
        ada = person("ada", Set.of());
        SignIn.as(directory, sysadmin);
        currency.set("EUR", new BigDecimal("0.05"), null);
        administration.appoint(lopez, units("20000"), null, null);
        String tag = " " + UUID.randomUUID();
        vm = template("VM" + tag, "40", Duration.ofMinutes(1));
        database = template("Database" + tag, "2", Duration.ofHours(24));
        SignIn.as(directory, lopez);
        lab = groups.create(null, new GroupDetails("Lab" + tag, "", LocalDate.of(2026, 9, 1), LocalDate.of(2027, 1, 31),
                units("1000"), false), units("10000"));
        adaInLab = members.add(lab.id(), ada, null, MemberRole.MEMBER);
        catalog.allowTemplates(lab.id(), List.of(vm.id(), database.id()));
        SignIn.as(directory, ada);
    }

    @AfterEach
    void ledgerStillAddsUp() {
        SignIn.out();
        assertThat(ledger.verifyBalances()).isEmpty();
        clock.reset();
    }

    String person(String kind, Set<GlobalRole> roles) {
        String email = kind + "-" + UUID.randomUUID() + "@metering.test";
        SystemActor.run(() -> users.create(new NewUser(email, "The " + kind, "a long test password", roles, false)));
        return email;
    }

    TemplateView template(String name, String unitsPerHour, Duration minimumSpan) {
        return catalog.create(new TemplateDraft(name, "", TemplateKind.STANDALONE, null, Billing.TIME, "simulated",
                Map.of(), null, true, ExhaustionPolicy.DEFAULT),
                BurnRate.running(units(unitsPerHour), Duration.ofHours(1), minimumSpan));
    }

    ResourceView provision(TemplateView template) {
        return provisioning.provision(lab.id(), new ProvisionRequest(template.id(), "res", null, null, false));
    }

    MeteringRunView meter() {
        return SystemActor.call(() -> metering.run("test"));
    }

    List<LedgerLineView> debitsOf(long resourceId) {
        return SystemActor.call(() -> ledger.lines(adaInLab.budget().accountId(), Set.of(LineType.DEBIT), null, null,
                PageRequest.of(0, 1000))).getContent().stream().filter(l -> Long.valueOf(resourceId).equals(l.resourceId()))
                .toList();
    }

    ConsumptionUnits consumed() {
        return ledger.balance(adaInLab.budget().accountId()).consumed();
    }

    @Test
    void ninetySecondsOfAVmAreTwoSpansOfOnePointThreeThreeThreeThreeInAll() {
        var created = provision(vm);
        clock.advance(Duration.ofSeconds(90));
        provisioning.stop(created.id());

        var run = meter();

        var debits = debitsOf(created.id());
        assertThat(run.linesWritten()).as("this VM's two, and whatever other tests left running").isGreaterThanOrEqualTo(2);
        assertThat(debits).hasSize(2);
        assertThat(debits).extracting(LedgerLineView::amount).containsExactlyInAnyOrder(units("0.6667"), units("0.6666"));
        assertThat(consumed()).isEqualTo(units("1.3333"));
        assertThat(ledger.balance(adaInLab.budget().accountId()).held()).as("the start's hold was converted")
                .isEqualTo(ConsumptionUnits.ZERO);
        var first = debits.stream().filter(l -> l.spanStart().equals(created.runningSince())).findFirst().orElseThrow();
        assertThat(first.rateVersionId()).isEqualTo(vm.currentRate().id());
        assertThat(first.spanEnd()).isEqualTo(created.runningSince().plusSeconds(60));
        assertThat(first.unitValue()).isEqualByComparingTo("0.05");
        assertThat(first.currency()).isEqualTo("EUR");
        assertThat(first.holdLineId()).isNotNull();
        assertThat(feed.unmetered(0, 100_000)).as("a stopped VM owes nothing more").doesNotContain(created.id());
    }

    @Test
    void sixtyMinutesOfAVmCostExactlyForty() {
        var created = provision(vm);
        clock.advance(Duration.ofMinutes(60));
        provisioning.stop(created.id());
        meter();

        assertThat(debitsOf(created.id())).hasSize(60);
        assertThat(consumed()).isEqualTo(units("40.0000"));
        assertThat(ledger.debitedFor(created.id())).isEqualTo(provisioning.get(created.id()).costSoFar());
    }

    @Test
    void aDatabaseIsChargedFortyEightAtStartAndFortyEightMoreAtHourTwentyFour() {
        var created = provision(database);
        meter();
        assertThat(consumed()).isEqualTo(units("48"));
        clock.advance(Duration.ofHours(24));
        meter();
        assertThat(consumed()).as("the second day starts now; the next run charges it").isEqualTo(units("48"));
        clock.advance(Duration.ofSeconds(1));
        meter();
        assertThat(consumed()).isEqualTo(units("96"));
        assertThat(debitsOf(created.id())).hasSize(2);
    }

    @Test
    void aRateChangeAtHalfPastTenPricesTheSpansFromThenOnAtTheNewRate() {
        var created = provision(vm);
        SignIn.as(directory, sysadmin);
        var newRate = catalog.scheduleRate(vm.id(), BurnRate.running(units("60"), Duration.ofHours(1),
                Duration.ofMinutes(1)), clock.instant().plus(Duration.ofMinutes(30)));
        SignIn.as(directory, ada);
        clock.advance(Duration.ofMinutes(60));
        provisioning.stop(created.id());
        meter();

        var debits = debitsOf(created.id());
        assertThat(consumed()).isEqualTo(units("50.0000"));
        assertThat(debits.stream().filter(l -> newRate.id() == l.rateVersionId())).hasSize(30);
    }

    @Test
    void aCatchUpOwingMoreSpansThanAChunkWritesAtOnceIsWrittenWholeInOneRun() {
        SignIn.as(directory, sysadmin);
        var perSecond = template("Per-second VM " + UUID.randomUUID(), "36", Duration.ofSeconds(1));
        SignIn.as(directory, lopez);
        catalog.allowTemplates(lab.id(), List.of(vm.id(), database.id(), perSecond.id()));
        SignIn.as(directory, ada);
        var created = provision(perSecond);
        clock.advance(Duration.ofHours(3));
        provisioning.stop(created.id());

        meter();

        var debits = SystemActor.call(() -> ledger.lines(adaInLab.budget().accountId(), Set.of(LineType.DEBIT), null,
                null, PageRequest.of(0, 1)));
        assertThat(debits.getTotalElements()).as("10,800 one-second spans, more than one write of a chunk holds")
                .isEqualTo(10_800);
        assertThat(consumed()).isEqualTo(units("108.0000"));
        assertThat(ledger.debitedFor(created.id())).isEqualTo(provisioning.get(created.id()).costSoFar());
        assertThat(meter().linesWritten()).isZero();
    }

    @Test
    void runningAgainWritesNothingAndCatchUpAfterSixHoursWritesExactlyWhatIsOwed() {
        var created = provision(vm);
        meter();
        assertThat(debitsOf(created.id())).hasSize(1);
        assertThat(meter().linesWritten()).as("a second run at the same moment").isZero();

        clock.advance(Duration.ofHours(6));
        var catchUp = meter();
        // Other tests' resources in this database may owe something too; this VM's share is exact.
        assertThat(catchUp.linesWritten()).isGreaterThanOrEqualTo(360);
        assertThat(debitsOf(created.id())).hasSize(360);
        assertThat(consumed()).as("360 minutes started before now").isEqualTo(units("240.0000"));
        assertThat(meter().linesWritten()).isZero();
        assertThat(debitsOf(created.id())).hasSize(360);
        assertThat(ledger.debitedFor(created.id())).isEqualTo(provisioning.get(created.id()).costSoFar());
    }

    @Test
    void aStopTheProviderConfirmsLateRefundsTheSpansChargedAfterItOnceAtEveryLevel() {
        var created = provision(vm);
        var started = created.runningSince();
        clock.advance(Duration.ofMinutes(5));
        meter();
        assertThat(debitsOf(created.id())).as("10:00 to 10:04; the span at 10:05 is the next run's").hasSize(5);
        assertThat(consumed()).isEqualTo(units("3.3333"));
        var groupConsumed = ledger.balance(lab.budget().accountId()).consumed();

        // The orchestrator stopped it at 10:02:30, and says so only now.
        var stoppedAt = started.plusSeconds(150);
        assertThat(SystemActor.call(() -> provisioning.applyProviderReport(new org.burnrate.provisioning.ProviderReport(
                "simulated", created.id(), ResourceState.STOPPED, stoppedAt, null, "stopped at the console"))))
                .isTrue();
        var run = meter();

        assertThat(run.linesWritten()).as("two refunds, nothing new").isGreaterThanOrEqualTo(2);
        assertThat(consumed()).as("three started spans: 10:00, 10:01, 10:02").isEqualTo(units("2.0000"));
        assertThat(ledger.balance(lab.budget().accountId()).consumed()).as("the group gets the same back")
                .isEqualTo(groupConsumed.minus(units("1.3333")));
        assertThat(ledger.debitedFor(created.id())).isEqualTo(units("2.0000"))
                .isEqualTo(provisioning.get(created.id()).costSoFar());
        var refunds = SystemActor.call(() -> ledger.lines(adaInLab.budget().accountId(), Set.of(LineType.REFUND), null,
                null, PageRequest.of(0, 10))).getContent();
        var refunded = debitsOf(created.id()).stream().filter(d -> d.spanStart().isAfter(stoppedAt))
                .map(LedgerLineView::id).toList();
        assertThat(refunds).extracting(LedgerLineView::correctsLineId).containsExactlyInAnyOrderElementsOf(refunded);
        assertThat(refunds).extracting(LedgerLineView::resourceId).containsOnly(created.id());
        assertThat(refunds).extracting(LedgerLineView::amount).containsExactlyInAnyOrder(units("0.6667"),
                units("0.6666"));
        assertThat(debitsOf(created.id())).as("the debits stay; corrections are new lines").hasSize(5);

        assertThat(meter().linesWritten()).as("a re-run refunds nothing twice").isZero();
        clock.advance(Duration.ofMinutes(10));
        assertThat(meter().linesWritten()).isZero();
        assertThat(consumed()).isEqualTo(units("2.0000"));
    }

    /** A VM at 40 units an hour running and 6 while stopped (0.1000 per stopped minute), allowed in the lab. */
    TemplateView vmWithAStoppedRate() {
        SignIn.as(directory, sysadmin);
        var template = catalog.create(new TemplateDraft("Kept VM " + UUID.randomUUID(), "", TemplateKind.STANDALONE,
                null, Billing.TIME, "simulated", Map.of(), null, true, ExhaustionPolicy.DEFAULT),
                new BurnRate(units("40"), Duration.ofHours(1), Duration.ofMinutes(1), units("6"),
                        ConsumptionUnits.ZERO));
        SignIn.as(directory, lopez);
        catalog.allowTemplates(lab.id(), List.of(vm.id(), database.id(), template.id()));
        SignIn.as(directory, ada);
        return template;
    }

    /** A resource of the template, provisioned at 10:00 and metered at 10:05. */
    ResourceView ranFiveMinutesAndMetered(TemplateView template) {
        var created = provision(template);
        clock.advance(Duration.ofMinutes(5));
        meter();
        return created;
    }

    /** The provider tells only now of a change at {@code at}. */
    void reportedLate(long resourceId, ResourceState state, Instant at) {
        assertThat(SystemActor.call(() -> provisioning.applyProviderReport(new org.burnrate.provisioning.ProviderReport(
                "simulated", resourceId, state, at, null, "changed at the console")))).isTrue();
    }

    /** How many lines a run writes about the resource (other tests' resources may run on meanwhile). */
    int linesAbout(long resourceId, Runnable run) {
        String count = "select count(*) from ledger_line where resource_id = ? and type in ('DEBIT', 'REFUND')";
        int before = jdbc.queryForObject(count, Integer.class, resourceId);
        run.run();
        return jdbc.queryForObject(count, Integer.class, resourceId) - before;
    }

    List<String> spansOf(long resourceId) {
        var refunded = SystemActor.call(() -> ledger.lines(adaInLab.budget().accountId(), Set.of(LineType.REFUND),
                null, null, PageRequest.of(0, 1000))).getContent().stream().map(LedgerLineView::correctsLineId)
                .collect(java.util.stream.Collectors.toSet());
        return debitsOf(resourceId).stream().filter(d -> !refunded.contains(d.id()))
                .sorted(java.util.Comparator.comparing(LedgerLineView::spanStart))
                .map(d -> d.spanStart().toString().substring(11, 19) + " " + d.amount()).toList();
    }

    @Test
    void aLateStopOnATemplateWithAStoppedRateRefundsTheRunningSpansAfterItAndChargesTheStoppedOnes() {
        var created = ranFiveMinutesAndMetered(vmWithAStoppedRate());
        var started = created.runningSince();
        assertThat(consumed()).as("running 10:00 to 10:04").isEqualTo(units("3.3333"));
        var groupConsumed = ledger.balance(lab.budget().accountId()).consumed();

        reportedLate(created.id(), ResourceState.STOPPED, started.plusSeconds(150));
        int lines = linesAbout(created.id(), this::meter);

        assertThat(spansOf(created.id())).as("what stands: three running minutes, the last paid in full to 10:03,"
                + " then stopped minutes from there").containsExactly("10:00:00 0.6667", "10:01:00 0.6666",
                        "10:02:00 0.6667", "10:03:00 0.1000", "10:04:00 0.1000");
        assertThat(lines).as("two refunds, two stopped spans").isEqualTo(4);
        assertThat(consumed()).isEqualTo(units("2.2000"));
        assertThat(ledger.balance(lab.budget().accountId()).consumed()).as("the group moves by the same")
                .isEqualTo(groupConsumed.minus(units("1.1333")));
        assertThat(ledger.debitedFor(created.id())).isEqualTo(provisioning.get(created.id()).costSoFar());

        assertThat(linesAbout(created.id(), this::meter)).as("a re-run finds nothing to put right").isZero();
        clock.advance(Duration.ofMinutes(1));
        assertThat(linesAbout(created.id(), this::meter)).as("the stopped span from 10:05").isOne();
        assertThat(consumed()).isEqualTo(units("2.3000"));
        assertThat(ledger.debitedFor(created.id())).isEqualTo(provisioning.get(created.id()).costSoFar());
        provisioning.delete(created.id(), false);
    }

    @Test
    void aLateStopAtASpansStartChargesTheStoppedSpanThereUnderANewRevision() {
        var created = ranFiveMinutesAndMetered(vmWithAStoppedRate());
        var started = created.runningSince();

        reportedLate(created.id(), ResourceState.STOPPED, started.plusSeconds(180));
        meter();

        assertThat(spansOf(created.id())).containsExactly("10:00:00 0.6667", "10:01:00 0.6666", "10:02:00 0.6667",
                "10:03:00 0.1000", "10:04:00 0.1000");
        var at1003 = debitsOf(created.id()).stream().filter(d -> d.spanStart().equals(started.plusSeconds(180)))
                .toList();
        assertThat(at1003).as("the running span refunded, the stopped one charged beside it").hasSize(2);
        assertThat(jdbc.queryForList("select span_revision from ledger_line where resource_id = ? and type = 'DEBIT'"
                + " and span_start = ? order by span_revision", Integer.class, created.id(),
                java.sql.Timestamp.from(started.plusSeconds(180)))).containsExactly(0, 1);
        assertThat(consumed()).isEqualTo(units("2.2000"));
        assertThat(linesAbout(created.id(), this::meter)).isZero();
        assertThat(ledger.debitedFor(created.id())).isEqualTo(provisioning.get(created.id()).costSoFar());
        provisioning.delete(created.id(), false);
    }

    @Test
    void aLateStopAndRestartChangeOnlyTheSpansThatDiffer() {
        var created = ranFiveMinutesAndMetered(vmWithAStoppedRate());
        var started = created.runningSince();
        var before = debitsOf(created.id());

        // Stopped from 10:01:30 to 10:03:00 at the console; the provider says so at 10:05.
        reportedLate(created.id(), ResourceState.STOPPED, started.plusSeconds(90));
        reportedLate(created.id(), ResourceState.RUNNING, started.plusSeconds(180));
        int lines = linesAbout(created.id(), this::meter);

        assertThat(spansOf(created.id())).as("the minute from 10:01 is paid in full: stopped time is billed from 10:02")
                .containsExactly("10:00:00 0.6667", "10:01:00 0.6666", "10:02:00 0.1000", "10:03:00 0.6667",
                        "10:04:00 0.6666");
        assertThat(lines).as("the running span at 10:02 refunded; the stopped one there").isEqualTo(2);
        assertThat(debitsOf(created.id())).as("the spans from 10:03 were right, and stay as written")
                .filteredOn(d -> !d.spanStart().isBefore(started.plusSeconds(180)))
                .containsExactlyElementsOf(before.stream()
                        .filter(d -> !d.spanStart().isBefore(started.plusSeconds(180))).toList());
        assertThat(consumed()).isEqualTo(units("2.7666"));
        assertThat(ledger.debitedFor(created.id())).isEqualTo(provisioning.get(created.id()).costSoFar());
        clock.advance(Duration.ofMinutes(1));
        assertThat(linesAbout(created.id(), this::meter)).as("running on: the span from 10:05").isOne();
        assertThat(ledger.debitedFor(created.id())).isEqualTo(provisioning.get(created.id()).costSoFar());
        provisioning.delete(created.id(), false);
    }

    @Test
    void aClockSetBackAMinuteTakesNothingARunningResourceOwesForUnowed() {
        var created = provision(vm);
        clock.advance(Duration.ofMinutes(5));
        meter();
        assertThat(consumed()).isEqualTo(units("3.3333"));

        clock.set(clock.instant().minus(Duration.ofMinutes(2)));
        assertThat(meter().linesWritten()).as("nothing refunded, nothing new").isZero();
        clock.advance(Duration.ofMinutes(3));
        meter();

        assertThat(consumed()).as("six started minutes").isEqualTo(units("4.0000"));
        assertThat(ledger.debitedFor(created.id())).isEqualTo(provisioning.get(created.id()).costSoFar());
    }

    List<String> adasNotifications() {
        SignIn.as(directory, ada);
        return notificationService.page(PageRequest.of(0, 50)).getContent().stream()
                .map(org.burnrate.notification.NotificationSummary::title).toList();
    }

    @Test
    void thresholdsAreToldOnceEachAndTheVmStopsAtTheSpanTheAllocationCannotCover() {
        SignIn.as(directory, lopez);
        members.changeAllocation(adaInLab.id(), units("2"));
        SignIn.as(directory, ada);
        var created = provision(vm);

        meter();
        assertThat(provisioning.get(created.id()).state()).isEqualTo(ResourceState.RUNNING);
        assertThat(adasNotifications()).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        meter();
        assertThat(adasNotifications()).as("the second minute starts now; it is charged next run").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        meter();
        assertThat(provisioning.get(created.id()).state()).isEqualTo(ResourceState.RUNNING);
        assertThat(adasNotifications()).as("told of her own allocation, by its group's name")
                .containsExactly("Your allocation in '" + lab.name() + "' is 50% used");

        clock.advance(Duration.ofMinutes(1));
        meter();
        var stopped = provisioning.get(created.id());
        assertThat(stopped.state()).as("the third minute used the last of the allocation; a fourth cannot be covered")
                .isEqualTo(ResourceState.STOPPED);
        assertThat(consumed()).isEqualTo(units("2.0000"));
        assertThat(stopped.history().getLast().note()).contains("' in '" + lab.name() + "' cannot cover the next span");

        clock.advance(Duration.ofMinutes(5));
        meter();
        meter();
        assertThat(consumed()).as("never beyond the allocation").isEqualTo(units("2.0000"));
        assertThat(adasNotifications()).hasSize(4).anyMatch(t -> t.contains("80% used")).anyMatch(t -> t.contains("95% used"))
                .anyMatch(t -> t.contains("was stopped for lack of budget"));
        assertThat(provisioning.myResources()).as("nothing is deleted").extracting(ResourceView::id).contains(created.id());
    }

    /** Ada's VM of a template that bills it while stopped, provisioned at 10:00 under an allocation of {@code allocation}. */
    ResourceView keptVmWithAnAllocationOf(String allocation) {
        var kept = vmWithAStoppedRate();
        SignIn.as(directory, lopez);
        members.changeAllocation(adaInLab.id(), units(allocation));
        SignIn.as(directory, ada);
        return provision(kept);
    }

    @Test
    void aStoppedResourceThatStillCostsTellsItsOwnerOnceWhenTheAllocationCannotCoverItsNextStoppedSpan() {
        var created = keptVmWithAnAllocationOf("1");
        clock.advance(Duration.ofSeconds(30));
        provisioning.stop(created.id());
        clock.advance(Duration.ofSeconds(210));
        meter();
        assertThat(consumed()).as("a running minute paid in full to 10:01, then stopped minutes from 10:01, 10:02, 10:03")
                .isEqualTo(units("0.9667"));
        assertThat(adasNotifications()).as("0.0333 left; the stopped span at 10:04 costs 0.1000")
                .filteredOn(title -> title.contains("is stopped but still costs")).singleElement().asString()
                .contains(created.name());

        clock.advance(Duration.ofMinutes(2));
        meter();
        assertThat(adasNotifications()).filteredOn(title -> title.contains("is stopped but still costs")).hasSize(1);
        assertThat(provisioning.get(created.id()).state()).as("nothing is deleted").isEqualTo(ResourceState.STOPPED);
        assertThat(ledger.debitedFor(created.id())).as("what it cost while stopped is still charged")
                .isEqualTo(provisioning.get(created.id()).costSoFar());
        provisioning.delete(created.id(), false);
    }

    @Test
    void aResourceTheLadderStopsIsChargedItsFirstStoppedSpanInTheSameRun() {
        var created = keptVmWithAnAllocationOf("1.5");
        clock.advance(Duration.ofMinutes(2));

        var run = meter();

        var stopped = provisioning.get(created.id());
        assertThat(stopped.state()).as("0.1667 left cannot cover a third running minute").isEqualTo(ResourceState.STOPPED);
        assertThat(run.stoppedForBudget()).as("the run counts its stop").isEqualTo(1);
        assertThat(consumed()).as("two running minutes, then the stopped minute from 10:02, when it was stopped")
                .isEqualTo(units("1.4333"));
        assertThat(ledger.debitedFor(created.id())).as("nothing owed up to the run is left unwritten")
                .isEqualTo(stopped.costSoFar());
        assertThat(debitsOf(created.id())).filteredOn(line -> clock.instant().equals(line.spanStart()))
                .singleElement().satisfies(line -> {
                    assertThat(line.amount()).isEqualTo(units("0.1000"));
                    assertThat(line.reason()).contains("stopped, span from");
                });
        assertThat(meter().linesWritten()).as("a second run at the same instant writes nothing").isZero();
        SignIn.as(directory, ada);
        assertThat(notificationService.page(PageRequest.of(0, 50)).getContent()).as("the owner is told what it still costs")
                .filteredOn(n -> n.title().contains("was stopped for lack of budget")).singleElement()
                .satisfies(n -> assertThat(n.body()).contains("Nothing was deleted.")
                        .containsPattern("still costs 6(\\.0000)? units per 1h; delete it if you no longer need it\\."));
        provisioning.delete(created.id(), false);
    }

    TemplateView oneUnitAMinuteWithThreeMinutesOfGrace() {
        SignIn.as(directory, sysadmin);
        var graceful = catalog.create(new TemplateDraft("Graceful VM " + UUID.randomUUID(), "", TemplateKind.STANDALONE,
                null, Billing.TIME, "simulated", Map.of(), null, true, new ExhaustionPolicy(List.of(),
                        ConsumptionUnits.ZERO, Duration.ofMinutes(3), org.burnrate.catalog.ExhaustionAction.STOP)),
                BurnRate.running(units("60"), Duration.ofHours(1), Duration.ofMinutes(1)));
        SignIn.as(directory, lopez);
        catalog.allowTemplates(lab.id(), List.of(vm.id(), graceful.id()));
        members.changeAllocation(adaInLab.id(), units("2"));
        SignIn.as(directory, ada);
        return graceful;
    }

    @Test
    void aGracePeriodKeepsTheResourceRunningThatLongAfterTheBudgetRanOutThenItStops() {
        var created = provision(oneUnitAMinuteWithThreeMinutesOfGrace());
        var started = clock.instant();
        meter();
        clock.advance(Duration.ofMinutes(2));
        meter();
        assertThat(consumed()).as("two spans: the allocation is used up").isEqualTo(units("2.0000"));
        assertThat(provisioning.get(created.id()).state()).as("three minutes of grace from now")
                .isEqualTo(ResourceState.RUNNING);
        assertThat(adasNotifications()).singleElement().asString().contains("will be stopped at "
                + started.plus(Duration.ofMinutes(5)));

        for (int minute = 3; minute <= 4; minute++) {
            clock.advance(Duration.ofMinutes(1));
            meter();
            assertThat(provisioning.get(created.id()).state()).as("minute %s", minute).isEqualTo(ResourceState.RUNNING);
        }
        assertThat(adasNotifications()).as("told once").hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        meter();

        var stopped = provisioning.get(created.id());
        assertThat(stopped.state()).isEqualTo(ResourceState.STOPPED);
        assertThat(stopped.history().getLast().at()).isEqualTo(started.plus(Duration.ofMinutes(5)));
        assertThat(consumed()).as("the allocation and the three minutes of grace, recorded as they ran")
                .isEqualTo(units("5.0000"));
        clock.advance(Duration.ofMinutes(5));
        meter();
        assertThat(consumed()).isEqualTo(units("5.0000"));
        assertThat(adasNotifications()).anyMatch(t -> t.contains("was stopped for lack of budget"));
    }

    @Test
    void budgetAddedDuringTheGracePeriodKeepsTheResourceRunningPastItsEnd() {
        var created = provision(oneUnitAMinuteWithThreeMinutesOfGrace());
        meter();
        clock.advance(Duration.ofMinutes(2));
        meter();
        assertThat(adasNotifications()).singleElement().asString().contains("will be stopped at");

        clock.advance(Duration.ofMinutes(1));
        SignIn.as(directory, lopez);
        members.changeAllocation(adaInLab.id(), units("10"));
        SignIn.as(directory, ada);
        meter();
        clock.advance(Duration.ofMinutes(3));
        meter();

        assertThat(provisioning.get(created.id()).state()).as("covered again; the old grace period no longer counts")
                .isEqualTo(ResourceState.RUNNING);
        assertThat(consumed()).isEqualTo(units("6.0000"));
    }

    @Test
    void theLadderPricesTheNextSpanAtTheRateInForceWhenItStartsSoARateRiseCannotOverrunTheBudget() {
        SignIn.as(directory, sysadmin);
        var fiveMinutes = template("Five-minute VM " + UUID.randomUUID(), "12", Duration.ofMinutes(5));
        SignIn.as(directory, lopez);
        catalog.allowTemplates(lab.id(), List.of(vm.id(), fiveMinutes.id()));
        members.changeAllocation(adaInLab.id(), units("3.5"));
        SignIn.as(directory, ada);
        var created = provision(fiveMinutes);
        meter();
        SignIn.as(directory, sysadmin);
        catalog.scheduleRate(fiveMinutes.id(), BurnRate.running(units("48"), Duration.ofHours(1), Duration.ofMinutes(5)),
                clock.instant().plus(Duration.ofMinutes(7)));
        SignIn.as(directory, ada);

        clock.advance(Duration.ofMinutes(6));
        meter();
        assertThat(consumed()).as("two spans at 1 unit").isEqualTo(units("2.0000"));
        assertThat(provisioning.get(created.id()).state())
                .as("the span from minute 10 costs 4 at the new rate; 1.5 are left").isEqualTo(ResourceState.STOPPED);
        clock.advance(Duration.ofMinutes(5));
        meter();
        assertThat(consumed()).isEqualTo(units("2.0000"));
    }

    @Test
    void aSuspendedResourceStartsAgainOnceBudgetIsAdded() {
        SignIn.as(directory, sysadmin);
        var suspending = catalog.create(new TemplateDraft("Suspending VM " + UUID.randomUUID(), "", TemplateKind.STANDALONE,
                null, Billing.TIME, "simulated", Map.of(), null, true, new ExhaustionPolicy(List.of(),
                        ConsumptionUnits.ZERO, Duration.ZERO, org.burnrate.catalog.ExhaustionAction.SUSPEND)),
                BurnRate.running(units("60"), Duration.ofHours(1), Duration.ofMinutes(1)));
        SignIn.as(directory, lopez);
        catalog.allowTemplates(lab.id(), List.of(vm.id(), suspending.id()));
        members.changeAllocation(adaInLab.id(), units("1.5"));
        SignIn.as(directory, ada);
        var created = provision(suspending);
        meter();
        assertThat(provisioning.get(created.id()).state()).isEqualTo(ResourceState.SUSPENDED);
        assertThat(consumed()).isEqualTo(units("1"));

        assertThatThrownBy(() -> provisioning.start(created.id(), null))
                .isInstanceOf(org.burnrate.ledger.BudgetExceededException.class);
        SignIn.as(directory, lopez);
        members.changeAllocation(adaInLab.id(), units("10"));
        SignIn.as(directory, ada);
        assertThat(provisioning.start(created.id(), null).state()).isEqualTo(ResourceState.RUNNING);
    }

    /** A storage resource of Ada's, at 0.01 units an operation, reporting its usage. */
    ResourceView storageChargedPerOperation() {
        SignIn.as(directory, sysadmin);
        var storageTemplate = catalog.create(new TemplateDraft("Storage " + UUID.randomUUID(), "", TemplateKind.STANDALONE,
                null, Billing.PER_OPERATION, "simulated", Map.of(), null, true, ExhaustionPolicy.DEFAULT),
                new BurnRate(ConsumptionUnits.ZERO, Duration.ofHours(1), Duration.ofHours(1), ConsumptionUnits.ZERO,
                        units("0.01")));
        var allowed = new ArrayList<>(List.of(vm.id(), database.id(), storageTemplate.id()));
        SystemActor.run(() -> catalog.allowTemplates(lab.id(), allowed));
        SignIn.as(directory, ada);
        return provision(storageTemplate);
    }

    @Test
    void reportedUsageIsChargedOnceAndARepeatIsAnsweredNotCharged() {
        var storage = storageChargedPerOperation();
        var running = provision(vm);
        assertThat(ledger.balance(adaInLab.budget().accountId()).held()).as("only the VM holds").isEqualTo(units("0.6667"));

        var first = SystemActor.call(() -> usage.record(List.of(
                new UsageService.UsageEvent(storage.id(), new BigDecimal("100"), clock.instant(), "evt-a-" + storage.id()),
                new UsageService.UsageEvent(storage.id(), new BigDecimal("50"), null, "evt-b-" + storage.id()))));
        assertThat(first).extracting(UsageService.UsageResult::charged).containsExactly(true, true);
        assertThat(ledger.debitedFor(storage.id())).isEqualTo(units("1.5"));

        var again = SystemActor.call(() -> usage.record(List.of(
                new UsageService.UsageEvent(storage.id(), new BigDecimal("100"), clock.instant(), "evt-a-" + storage.id()),
                new UsageService.UsageEvent(storage.id(), new BigDecimal("7"), clock.instant(), "evt-c-" + storage.id()))));
        assertThat(again).extracting(UsageService.UsageResult::charged).containsExactly(false, true);
        assertThat(again.getFirst().lineId()).isEqualTo(first.getFirst().lineId());
        assertThat(ledger.debitedFor(storage.id())).isEqualTo(units("1.57"));

        assertThatThrownBy(() -> SystemActor.call(() -> usage.record(List.of(
                new UsageService.UsageEvent(storage.id(), new BigDecimal("1"), null, "evt-d-" + storage.id()),
                new UsageService.UsageEvent(running.id(), new BigDecimal("1"), null, "evt-e-" + storage.id())))))
                .isInstanceOf(org.burnrate.base.InvalidInputException.class).hasMessageContaining("Event 1")
                .hasMessageContaining("billed per time");
        assertThat(ledger.debitedFor(storage.id())).as("a refused batch changes nothing").isEqualTo(units("1.57"));
        SignIn.as(directory, ada);
        assertThatThrownBy(() -> usage.record(List.of(new UsageService.UsageEvent(storage.id(), BigDecimal.ONE, null,
                "evt-f")))).isInstanceOf(org.springframework.security.access.AccessDeniedException.class);
    }

    /**
     * Two clients send the same events at once, one of them in reverse order (a retry racing the
     * first attempt, from a client that sorts differently): neither request fails on the other, and
     * each event is charged exactly once.
     */
    @Test
    void theSameEventsSentByTwoClientsAtOnceInOppositeOrdersAreEachChargedOnce() throws Exception {
        var storage = storageChargedPerOperation();
        int rounds = 20;
        int events = 200;
        int charged = 0;
        try (var clients = Executors.newFixedThreadPool(2)) {
            for (int round = 0; round < rounds; round++) {
                List<UsageService.UsageEvent> batch = new ArrayList<>();
                for (int e = 0; e < events; e++) {
                    batch.add(new UsageService.UsageEvent(storage.id(), BigDecimal.ONE, null,
                            "evt-race-" + storage.id() + "-" + round + "-" + e));
                }
                var reversed = new ArrayList<>(batch);
                java.util.Collections.reverse(reversed);
                var bothReady = new java.util.concurrent.CyclicBarrier(2);
                var forward = clients.submit(() -> { bothReady.await(); return SystemActor.call(() -> usage.record(batch)); });
                var backward = clients.submit(() -> { bothReady.await(); return SystemActor.call(() -> usage.record(reversed)); });
                var results = new ArrayList<>(forward.get(30, TimeUnit.SECONDS));
                results.addAll(backward.get(30, TimeUnit.SECONDS));
                assertThat(results.stream().filter(UsageService.UsageResult::charged)
                        .map(UsageService.UsageResult::idempotencyKey)).as("round %d: each event charged by one request", round)
                        .doesNotHaveDuplicates().hasSize(events);
                charged += events;
            }
        }
        assertThat(ledger.debitedFor(storage.id())).isEqualTo(units(new BigDecimal("0.01").multiply(BigDecimal.valueOf(charged)).toPlainString()));
        assertThat(ledger.verifyBalances()).isEmpty();
    }

    @Test
    void twoNodesMeteringAtOnceWriteEveryOwedSpanExactlyOnce() throws Exception {
        var created = vms(2);
        clock.advance(Duration.ofMinutes(30));
        var start = new CountDownLatch(1);
        List<Future<MeteringRunView>> runs = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (int node = 0; node < 4; node++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return SystemActor.call(() -> metering.run("node"));
                }));
            }
            start.countDown();
            int written = 0;
            for (var run : runs) {
                var result = run.get(120, TimeUnit.SECONDS);
                written += result.linesWritten();
            }
            assertThat(written).as("at least these two VMs' spans, written once between the four").isGreaterThanOrEqualTo(2 * 30);
        }
        for (var resource : created) {
            assertThat(debitsOf(resource.id())).hasSize(30);
            assertThat(ledger.debitedFor(resource.id())).isEqualTo(units("20.0000"));
        }
    }

    @Test
    void aRunInChunksOfTwoReadsEachNextChunkAheadAndWritesWhatOneChunkWould() {
        var created = vms(5);
        clock.advance(Duration.ofMinutes(3).plusSeconds(30));

        var run = SystemActor.call(() -> inChunksOf(2, feed).run("test"));

        assertThat(run.errors()).isZero();
        assertThat(run.resources()).as("at least these five VMs, two at a time").isGreaterThanOrEqualTo(5);
        for (var resource : created) {
            assertThat(debitsOf(resource.id())).as("spans from 0, 1, 2 and 3 minutes").hasSize(4);
            assertThat(ledger.debitedFor(resource.id())).isEqualTo(units("2.6667"));
        }
        assertThat(consumed()).isEqualTo(units("13.3335"));
        assertThat(meter().linesWritten()).as("nothing is left owed").isZero();
    }

    /**
     * One resource per chunk, so that each chunk's exhaustion checks run while the next chunk is
     * written: the allocation can cover the next span of one of Ada's three VMs after their first
     * spans, so the first VM checked keeps running and the other two stop, in that one run, and the
     * allocation is never overrun.
     */
    @Test
    void aRunInChunksOfOneStopsTheVmsWhoseNextSpanTheAllocationCannotCoverAfterTheOnesCheckedBefore() {
        SignIn.as(directory, lopez);
        members.changeAllocation(adaInLab.id(), units("3"));
        SignIn.as(directory, ada);
        var created = vms(3);
        clock.advance(Duration.ofSeconds(30));

        var run = SystemActor.call(() -> inChunksOf(1, feed).run("test"));

        assertThat(run.errors()).isZero();
        assertThat(run.stoppedForBudget()).isEqualTo(2);
        SignIn.as(directory, ada);
        assertThat(created.stream().map(vm -> provisioning.get(vm.id()).state()))
                .containsExactly(ResourceState.RUNNING, ResourceState.STOPPED, ResourceState.STOPPED);
        assertThat(consumed()).as("the three first spans").isEqualTo(units("2.0001"));
        clock.advance(Duration.ofMinutes(1));
        SystemActor.call(() -> inChunksOf(1, feed).run("test"));
        assertThat(consumed()).as("the running VM's second span, within the allocation").isEqualTo(units("2.6667"));
        assertThat(ledger.verifyBalances()).isEmpty();
    }

    @Test
    void whenReadingTheNextChunkAheadFailsTheChunkIsReadAgainAndTheRunGoesOn() {
        var created = vms(5);
        clock.advance(Duration.ofMinutes(1).plusSeconds(30));
        var failing = mock(MeteringFeed.class, AdditionalAnswers.delegatesTo(feed));
        var failures = new java.util.concurrent.atomic.AtomicInteger();
        doAnswer(call -> {
            if (Thread.currentThread().getName().equals("metering-read-ahead") && failures.getAndIncrement() == 0) {
                throw new IllegalStateException("injected: the read-ahead's connection broke");
            }
            return feed.unmeteredAfter(call.getArgument(0), call.getArgument(1));
        }).when(failing).unmeteredAfter(any(), anyInt());

        var run = SystemActor.call(() -> inChunksOf(2, failing).run("test"));

        assertThat(failures.get()).as("the read-ahead did fail once").isGreaterThanOrEqualTo(1);
        assertThat(run.errors()).as("a failed read ahead is no resource's failure").isZero();
        for (var resource : created) {
            assertThat(debitsOf(resource.id())).hasSize(2);
            assertThat(ledger.debitedFor(resource.id())).isEqualTo(units("1.3333"));
        }
        assertThat(meter().linesWritten()).isZero();
    }

    @Test
    void aHistoryKeptFromOneReadServesTheNextOnlyUntilItsResourceChanges() {
        var created = provision(vm);
        var first = feed.load(List.of(created.id())).getFirst();
        assertThat(first.history()).extracting(StateChange::state).endsWith(ResourceState.RUNNING);
        assertThat(feed.load(List.of(created.id())).getFirst().history())
                .as("unchanged since, the history is not read again").isSameAs(first.history());

        clock.advance(Duration.ofMinutes(5));
        provisioning.stop(created.id());
        var stopped = feed.load(List.of(created.id())).getFirst();
        assertThat(stopped.history()).extracting(StateChange::state).endsWith(ResourceState.RUNNING, ResourceState.STOPPED);
        clock.advance(Duration.ofMinutes(5));
        provisioning.start(created.id(), null);
        var restarted = feed.load(List.of(created.id())).getFirst();
        assertThat(restarted.history()).extracting(StateChange::state).endsWith(ResourceState.STOPPED, ResourceState.RUNNING);
        assertThat(restarted.holdsByRunStart()).as("the second run's hold, for its first span").hasSize(2)
                .containsKey(restarted.history().getLast().at());

        meter();
        assertThat(debitsOf(created.id())).as("5 minutes, and the second run's first span").hasSize(6);
    }

    List<ResourceView> vms(int count) {
        List<ResourceView> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            created.add(provisioning.provision(lab.id(), new ProvisionRequest(vm.id(), "vm " + i, null, null, false)));
        }
        return created;
    }

    /** The debit job as configured, but with chunks of {@code size} resources, reading through {@code from}. */
    MeteringService inChunksOf(int size, MeteringFeed from) {
        return new MeteringService(from, ledger, templateDirectory, meteringRuns, ladder, transactions, clock, size);
    }
}
