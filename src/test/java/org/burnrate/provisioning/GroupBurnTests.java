package org.burnrate.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
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
import org.burnrate.ledger.Ledger;
import org.burnrate.ledger.LedgerLineView;
import org.burnrate.ledger.LineType;
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
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;

/**
 * The group burn report with the test clock: per member, per template and per day, equal to the
 * ledger's debits; on H2 and PostgreSQL.
 */
abstract class GroupBurnTests {

    @Autowired
    MeteringService metering;
    @Autowired
    ProvisioningService provisioning;
    @Autowired
    GroupBurn burn;
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
    MemberView adaInLab;
    MemberView benInLab;
    TemplateView vm;
    TemplateView database;

    static ConsumptionUnits units(String amount) {
        return ConsumptionUnits.parse(amount);
    }

    @BeforeEach
    void aLabWithTwoStudents() {
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
        vm = template("VM" + tag, "40", Duration.ofMinutes(1));
        database = template("Database" + tag, "2", Duration.ofHours(24));
        SignIn.as(directory, lopez);
        lab = groups.create(null, new GroupDetails("Lab" + tag, "", LocalDate.of(2026, 9, 1), LocalDate.of(2027, 1, 31),
                units("1000"), false), units("10000"));
        adaInLab = members.add(lab.id(), ada, null, MemberRole.MEMBER);
        benInLab = members.add(lab.id(), ben, null, MemberRole.MEMBER);
        catalog.allowTemplates(lab.id(), List.of(vm.id(), database.id()));
    }

    @AfterEach
    void ledgerStillAddsUp() {
        SignIn.out();
        assertThat(ledger.verifyBalances()).isEmpty();
        clock.reset();
    }

    String person(String kind, Set<GlobalRole> roles) {
        String email = kind + "-" + UUID.randomUUID() + "@burn.test";
        SystemActor.run(() -> users.create(new NewUser(email, "The " + kind, "a long test password", roles, false)));
        return email;
    }

    TemplateView template(String name, String unitsPerHour, Duration minimumSpan) {
        return catalog.create(new TemplateDraft(name, "", TemplateKind.STANDALONE, null, Billing.TIME, "simulated",
                Map.of(), null, true, ExhaustionPolicy.DEFAULT),
                BurnRate.running(units(unitsPerHour), Duration.ofHours(1), minimumSpan));
    }

    ConsumptionUnits debits(MemberView member) {
        return SystemActor.call(() -> ledger.lines(member.budget().accountId(), Set.of(LineType.DEBIT), null, null,
                PageRequest.of(0, 1000))).getContent().stream().map(LedgerLineView::amount)
                .reduce(ConsumptionUnits.ZERO, ConsumptionUnits::plus);
    }

    @Test
    void totalsPerMemberAndPerTemplateEqualTheirDebits() {
        SignIn.as(directory, ada);
        var adasVm = provisioning.provision(lab.id(), new ProvisionRequest(vm.id(), "ada vm", null, null, false));
        var adasDb = provisioning.provision(lab.id(), new ProvisionRequest(database.id(), "ada db", null, null, false));
        SignIn.as(directory, ben);
        var bensVm = provisioning.provision(lab.id(), new ProvisionRequest(vm.id(), "ben vm", null, null, false));
        clock.advance(Duration.ofMinutes(30));
        provisioning.stop(bensVm.id());
        SignIn.as(directory, ada);
        provisioning.stop(adasVm.id());
        clock.advance(Duration.ofDays(1).plusHours(1));
        SystemActor.call(() -> metering.run("test"));

        SignIn.as(directory, lopez);
        var report = burn.of(lab.id(), null, null);
        assertThat(report.to()).isEqualTo(LocalDate.now(clock));
        assertThat(report.days()).hasSize(GroupBurn.DEFAULT_DAYS);
        var adaDebits = debits(adaInLab);
        var benDebits = debits(benInLab);
        assertThat(adaDebits.isPositive()).isTrue();
        assertThat(report.byMember()).extracting(GroupBurn.Row::label).containsExactlyInAnyOrder("The ada", "The ben");
        assertThat(row(report.byMember(), "The ada").total()).isEqualTo(adaDebits);
        assertThat(row(report.byMember(), "The ben").total()).isEqualTo(benDebits);
        assertThat(report.total()).isEqualTo(adaDebits.plus(benDebits));
        // Both VMs ran 30 minutes (20 units each); ada's database: 48 at start and 48 at hour 24.
        assertThat(row(report.byTemplate(), vm.name()).total()).isEqualTo(report.total().minus(units("96")));
        assertThat(row(report.byTemplate(), database.name()).total()).isEqualTo(units("96"));
        assertThat(row(report.byTemplate(), vm.name()).total()).isEqualTo(units("40"));
        // The days add up to the totals, and every row's days sum to its total.
        for (var r : report.byMember()) {
            assertThat(report.days().stream().map(r::on).reduce(ConsumptionUnits.ZERO, ConsumptionUnits::plus))
                    .isEqualTo(r.total());
        }
        assertThat(adasDb.id()).isPositive();

        // A range that ends before anything was charged shows nothing.
        var before = burn.of(lab.id(), LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31));
        assertThat(before.total()).isEqualTo(ConsumptionUnits.ZERO);

        SignIn.as(directory, ada);
        assertThatThrownBy(() -> burn.of(lab.id(), null, null)).isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aSharedResourceBurnsOnItsOwnersRowAndItsTemplateAndALateStopsRefundLowersTheBurn() {
        SignIn.as(directory, lopez);
        var sharedVm = provisioning.provision(lab.id(), new ProvisionRequest(vm.id(), "class database vm", null, null,
                true));
        SignIn.as(directory, ada);
        var adasVm = provisioning.provision(lab.id(), new ProvisionRequest(vm.id(), "ada vm", null, null, false));
        clock.advance(Duration.ofMinutes(10));
        SystemActor.call(() -> metering.run("test"));
        // The provider says ada's VM stopped five minutes in: the five spans after it are refunded.
        SystemActor.call(() -> provisioning.applyProviderReport(new ProviderReport("simulated", adasVm.id(),
                ResourceState.STOPPED, TestClock.START.plus(Duration.ofMinutes(5)).minusSeconds(1), null, null)));
        SystemActor.call(() -> metering.run("test"));

        SignIn.as(directory, lopez);
        var report = burn.of(lab.id(), null, null);
        assertThat(row(report.byMember(), "The ada").total()).as("five started minutes at 40 an hour")
                .isEqualTo(units("3.3333"));
        var sharedRow = row(report.byMember(), "The lopez (shared resources)");
        assertThat(sharedRow.total()).as("ten started minutes").isEqualTo(units("6.6667"))
                .isEqualTo(SystemActor.call(() -> ledger.debitedFor(sharedVm.id())));
        assertThat(row(report.byTemplate(), vm.name()).total()).isEqualTo(units("10.0000"));
        assertThat(report.total()).isEqualTo(units("10.0000"));
    }

    @Test
    void eachDayShowsTheDebitsWrittenThatDayAndRangesAreWholeDaysOfAtMostAYear() {
        LocalDate monday = LocalDate.of(2026, 11, 24);
        LocalDate tuesday = monday.plusDays(1);
        SignIn.as(directory, ada);
        var adasVm = provisioning.provision(lab.id(), new ProvisionRequest(vm.id(), "ada vm", null, null, false));
        clock.advance(Duration.ofMinutes(30));
        provisioning.stop(adasVm.id());
        SystemActor.call(() -> metering.run("test"));
        clock.set(tuesday.atTime(9, 0).toInstant(ZoneOffset.UTC));
        provisioning.start(adasVm.id(), null);
        clock.advance(Duration.ofMinutes(15));
        provisioning.stop(adasVm.id());
        SystemActor.call(() -> metering.run("test"));

        SignIn.as(directory, lopez);
        var report = burn.of(lab.id(), monday, tuesday);
        assertThat(report.days()).containsExactly(monday, tuesday);
        var adas = row(report.byMember(), "The ada");
        // 30 minutes at 40 units an hour on Monday, 15 on Tuesday: each day as the ledger has it.
        assertThat(adas.on(monday)).isEqualTo(units("20")).isEqualTo(debitsOn(adaInLab, monday));
        assertThat(adas.on(tuesday)).isEqualTo(units("10")).isEqualTo(debitsOn(adaInLab, tuesday));
        assertThat(adas.perDay()).containsOnlyKeys(monday, tuesday);
        assertThat(adas.total()).isEqualTo(units("30")).isEqualTo(debits(adaInLab));
        assertThat(row(report.byTemplate(), vm.name()).perDay()).isEqualTo(adas.perDay());
        // Ben was charged nothing and is listed with nothing.
        var bens = row(report.byMember(), "The ben");
        assertThat(bens.total()).isEqualTo(ConsumptionUnits.ZERO);
        assertThat(bens.perDay()).isEmpty();
        assertThat(report.byMember().getFirst().label()).as("the biggest spender first").isEqualTo("The ada");

        assertThat(burn.of(lab.id(), tuesday, tuesday).total()).isEqualTo(units("10"));
        assertThat(burn.of(lab.id(), monday, monday).total()).isEqualTo(units("20"));
        assertThat(burn.of(lab.id(), tuesday, null).total()).as("up to today").isEqualTo(units("10"));

        assertThatThrownBy(() -> burn.of(lab.id(), tuesday, monday))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("The first day, 2026-11-25, comes after the last, 2026-11-24; choose a first day on or "
                        + "before the last.");
        var aYear = burn.of(lab.id(), tuesday.minusDays(GroupBurn.LONGEST_RANGE_DAYS - 1), tuesday);
        assertThat(aYear.days()).hasSize(GroupBurn.LONGEST_RANGE_DAYS);
        assertThat(aYear.total()).isEqualTo(units("30"));
        assertThatThrownBy(() -> burn.of(lab.id(), tuesday.minusDays(GroupBurn.LONGEST_RANGE_DAYS), tuesday))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("From 2025-11-24 to 2026-11-25 is 367 days; a report covers at most 366 days, so the first "
                        + "day can be 2025-11-25 at the earliest.");
    }

    ConsumptionUnits debitsOn(MemberView member, LocalDate day) {
        var start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return SystemActor.call(() -> ledger.lines(member.budget().accountId(), Set.of(LineType.DEBIT), start,
                start.plus(Duration.ofDays(1)), PageRequest.of(0, 1000))).getContent().stream()
                .map(LedgerLineView::amount).reduce(ConsumptionUnits.ZERO, ConsumptionUnits::plus);
    }

    static GroupBurn.Row row(List<GroupBurn.Row> rows, String label) {
        return rows.stream().filter(r -> r.label().equals(label)).findFirst().orElseThrow();
    }
}
