package org.burnrate.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.burnrate.base.ConflictException;
import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.UpstreamException;
import org.burnrate.budget.BudgetAdministration;
import org.burnrate.budget.GroupDetails;
import org.burnrate.budget.GroupService;
import org.burnrate.budget.MemberRole;
import org.burnrate.budget.MemberView;
import org.burnrate.budget.MembershipService;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.ExhaustionAction;
import org.burnrate.catalog.ExhaustionPolicy;
import org.burnrate.catalog.TemplateCatalog;
import org.burnrate.catalog.TemplateDraft;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.catalog.TemplateView;
import org.burnrate.ledger.Ledger;
import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.NewUser;
import org.burnrate.organization.UserService;
import org.burnrate.provisioning.ProvisioningService;
import org.burnrate.provisioning.ProvisioningService.ProvisionRequest;
import org.burnrate.provisioning.ResourceState;
import org.burnrate.security.PortalUserDirectory;
import org.burnrate.security.SystemActor;
import org.burnrate.support.SignIn;
import org.burnrate.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A seeded, reproducible random walk of at least 10,000 operations: provisions, starts, stops,
 * deletes, rate changes, allocation changes, clock steps, and debit runs, some of them on two
 * "nodes" at once (two threads running the job concurrently against the same database). After
 * every debit run, each resource's written debits equal what its history owes; after every step,
 * no member allocation is consumed beyond its cap plus grace (plus, when a rate rose between two
 * runs, the one span that was already running at the old check); every 500 steps and at the end,
 * every cached balance equals the sum of its lines.
 */
abstract class MeteringSimulationTests {

    static final long SEED = Long.getLong("simulation.seed", 20261124L);

    /** How many operations the walk takes on this database. */
    abstract int operations();

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

    static ConsumptionUnits units(String amount) {
        return ConsumptionUnits.parse(amount);
    }

    @AfterEach
    void reset() {
        SignIn.out();
        clock.reset();
    }

    String person(String kind, Set<GlobalRole> roles) {
        String email = kind + "-" + UUID.randomUUID() + "@simulation.test";
        SystemActor.run(() -> users.create(new NewUser(email, "The " + kind, "a long test password", roles, false)));
        return email;
    }

    @Test
    void tenThousandRandomOperationsNeverChargeTwiceLoseASpanOrBreakABudget() throws Exception {
        var random = new Random(SEED);
        clock.reset();
        SystemActor.run(() -> metering.run("simulation setup"));
        String sysadmin = person("sysadmin", Set.of(GlobalRole.SYSTEM_ADMIN));
        String instructor = person("instructor", Set.of());
        SignIn.as(directory, sysadmin);
        currency.set("EUR", new BigDecimal("0.05"), null);
        administration.appoint(instructor, units("100000"), null, null);
        String tag = " " + UUID.randomUUID();
        List<TemplateView> templates = List.of(
                template("Sim VM" + tag, "40", Duration.ofMinutes(1), "0", ExhaustionAction.STOP),
                template("Sim small VM" + tag, "12", Duration.ofSeconds(30), "1", ExhaustionAction.SUSPEND),
                template("Sim disk VM" + tag, "20", Duration.ofMinutes(5), "0", ExhaustionAction.STOP));
        SignIn.as(directory, instructor);
        var group = groups.create(null, new GroupDetails("Simulation" + tag, "", LocalDate.of(2026, 1, 1),
                LocalDate.of(2030, 1, 1), units("30"), false), units("5000"));
        catalog.allowTemplates(group.id(), templates.stream().map(TemplateView::id).toList());
        List<String> students = new ArrayList<>();
        Map<String, MemberView> memberships = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            String student = person("student" + i, Set.of());
            students.add(student);
            memberships.put(student, members.add(group.id(), student, null, MemberRole.MEMBER));
        }
        Map<Long, String> owners = new HashMap<>();
        states.clear();
        // The highest running rate any template has had; one such span may start between a rate rise and the next check.
        var tolerance = units("0");
        int runs = 0;
        int refusals = 0;
        var lastRun = clock.instant();

        int operations = operations();
        for (int step = 0; step < operations; step++) {
            int dice = random.nextInt(100);
            String student = students.get(random.nextInt(students.size()));
            try {
                if (dice < 18) {
                    var template = templates.get(random.nextInt(templates.size()));
                    SignIn.as(directory, student);
                    var created = provisioning.provision(group.id(), new ProvisionRequest(template.id(), "sim " + step,
                            null, null, false));
                    owners.put(created.id(), student);
                    states.put(created.id(), created.state());
                } else if (dice < 30) {
                    var candidate = pick(random, owners, ResourceState.STOPPED, ResourceState.SUSPENDED);
                    if (candidate != null) {
                        SignIn.as(directory, owners.get(candidate));
                        states.put(candidate, provisioning.start(candidate, random.nextInt(4) == 0
                                ? Duration.ofMinutes(5 + random.nextInt(60)) : null).state());
                    }
                } else if (dice < 42) {
                    var candidate = pick(random, owners, ResourceState.RUNNING);
                    if (candidate != null) {
                        SignIn.as(directory, owners.get(candidate));
                        states.put(candidate, provisioning.stop(candidate).state());
                    }
                } else if (dice < 45) {
                    var candidate = pick(random, owners, ResourceState.STOPPED, ResourceState.SUSPENDED,
                            ResourceState.RUNNING);
                    if (candidate != null) {
                        SignIn.as(directory, owners.get(candidate));
                        provisioning.delete(candidate, false);
                        owners.remove(candidate);
                        states.remove(candidate);
                    }
                } else if (dice < 48) {
                    var template = templates.get(random.nextInt(templates.size()));
                    var perHour = String.valueOf(6 + random.nextInt(60));
                    SignIn.as(directory, sysadmin);
                    var rate = template.currentRate().rate();
                    catalog.scheduleRate(template.id(), BurnRate.running(units(perHour), Duration.ofHours(1),
                            rate.minimumSpan()), clock.instant().plusSeconds(1 + random.nextInt(120)));
                    var spanCost = BurnRate.running(units(perHour), Duration.ofHours(1), rate.minimumSpan()).minimumCharge();
                    tolerance = tolerance.max(spanCost);
                } else if (dice < 53) {
                    SignIn.as(directory, instructor);
                    var membership = memberships.get(student);
                    var amount = units(String.valueOf(5 + random.nextInt(60)));
                    memberships.put(student, members.changeAllocation(membership.id(), amount));
                } else if (dice < 80) {
                    clock.advance(Duration.ofSeconds(1 + random.nextInt(29)));
                    // The job runs at least once per shortest span (30 s here), as it does every minute for
                    // one-minute spans in production; a budget is only safe from overrun when it does.
                    if (Duration.between(lastRun, clock.instant()).toSeconds() >= 29) {
                        runs++;
                        SystemActor.run(() -> metering.run("simulation"));
                        lastRun = clock.instant();
                        assertWrittenEqualsOwed(owners, step);
                    }
                } else {
                    runs++;
                    lastRun = clock.instant();
                    if (random.nextInt(5) == 0) {
                        twoNodesAtOnce();
                    } else {
                        SystemActor.run(() -> metering.run("simulation"));
                    }
                    assertWrittenEqualsOwed(owners, step);
                }
            } catch (ConflictException | InvalidInputException | UpstreamException refused) {
                refusals++;
            } finally {
                SignIn.out();
            }
            assertNoAllocationBeyondItsCap(memberships, tolerance, step);
            if (step % 500 == 499) {
                assertThat(ledger.verifyBalances()).as("balances at step %s", step).isEmpty();
            }
        }
        SystemActor.run(() -> metering.run("simulation end"));
        assertWrittenEqualsOwed(owners, operations());
        assertThat(ledger.verifyBalances()).isEmpty();
        assertThat(runs).as("debit runs in the walk").isGreaterThan(operations() / 10);
        assertThat(refusals).as("refusals are part of the walk, not all of it").isLessThan(operations() / 2);
    }

    private TemplateView template(String name, String perHour, Duration span, String grace, ExhaustionAction action) {
        return catalog.create(new TemplateDraft(name, "", TemplateKind.STANDALONE, null, Billing.TIME, "simulated",
                Map.of(), null, true, new ExhaustionPolicy(List.of(50, 90), units(grace), Duration.ZERO, action)),
                BurnRate.running(units(perHour), Duration.ofHours(1), span));
    }

    /** Each resource's state as last seen: after its own operations, and after every debit run (the ladder's stops). */
    private final Map<Long, ResourceState> states = new HashMap<>();

    private Long pick(Random random, Map<Long, String> owners, ResourceState... wantedStates) {
        var wanted = Set.of(wantedStates);
        var candidates = new ArrayList<Long>();
        for (var id : owners.keySet()) {
            if (wanted.contains(states.get(id))) {
                candidates.add(id);
            }
        }
        candidates.sort(Long::compare);
        return candidates.isEmpty() ? null : candidates.get(random.nextInt(candidates.size()));
    }

    private void twoNodesAtOnce() throws Exception {
        try (var pool = Executors.newFixedThreadPool(2)) {
            List<Future<MeteringRunView>> nodes = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                nodes.add(pool.submit(() -> SystemActor.call(() -> metering.run("simulation node"))));
            }
            for (var node : nodes) {
                assertThat(node.get(120, TimeUnit.SECONDS).errors()).isZero();
            }
        }
    }

    private void assertWrittenEqualsOwed(Map<Long, String> owners, int step) {
        for (var entry : owners.entrySet()) {
            SignIn.as(directory, entry.getValue());
            var resource = provisioning.get(entry.getKey());
            states.put(entry.getKey(), resource.state());
            var written = ledger.debitedFor(entry.getKey());
            if (!written.equals(resource.costSoFar())) {
                var lines = ledger.linesOfResource(entry.getKey(), org.springframework.data.domain.PageRequest.of(0, 500))
                        .getContent().stream().map(l -> l.type() + " " + l.amount() + " " + l.spanStart()).toList();
                throw new AssertionError("written " + written + " != owed " + resource.costSoFar() + " for resource "
                        + entry.getKey() + " at step " + step + " (seed " + SEED + ")\nhistory " + resource.history()
                        + "\nlines " + lines);
            }
        }
        SignIn.out();
    }

    private void assertNoAllocationBeyondItsCap(Map<String, MemberView> memberships, ConsumptionUnits tolerance, int step) {
        for (var membership : memberships.values()) {
            var balance = ledger.balance(membership.budget().accountId());
            // Grace of the most generous template (1 unit) and one span at the highest rate seen.
            var cap = balance.allocated().plus(units("1")).plus(tolerance.max(units("0.6667")));
            assertThat(balance.consumed()).as("consumed of %s at step %s", balance.name(), step)
                    .isLessThanOrEqualTo(cap);
        }
    }
}
