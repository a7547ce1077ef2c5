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
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

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
import org.burnrate.provisioning.ProviderReport;
import org.burnrate.provisioning.ProvisioningService;
import org.burnrate.provisioning.ProvisioningService.ProvisionRequest;
import org.burnrate.provisioning.ResourceState;
import org.burnrate.provisioning.ResourceView;
import org.burnrate.security.PortalUserDirectory;
import org.burnrate.security.SystemActor;
import org.burnrate.support.LedgerFaults;
import org.burnrate.support.SignIn;
import org.burnrate.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/**
 * A seeded, reproducible random walk ({@code -Dsimulation.seed=N}) of at least 10,000 operations on
 * H2 (the subclasses set the lengths): six members of one group provision (keeping at most
 * {@value #MOST_RESOURCES} resources), start, stop and delete resources of three templates, one of
 * which keeps billing its resources while they are stopped (a kept disk, 3 units an hour); the
 * system admin schedules rate changes; the group admin changes member allocations and the group's
 * budget around what they have consumed (mostly top-ups, sometimes reductions that are refused); the
 * clock moves; and the debit job runs, at random and after every clock step that ends 29 simulated
 * seconds or more after the last run. Of the random runs, one in five is made by two "nodes" at once
 * (two threads running the job against the same database). Of the runs on one node, one in
 * six has faults injected ({@link LedgerFaults}): each {@code debitSpans} call that wrote lines then
 * fails with probability one half, after its inserts, whether it writes a chunk or retries one of its
 * resources alone.
 * <p>
 * Checked after every step, whatever it did or had refused:
 * <ul>
 * <li>every cached balance of the walk's accounts equals the sum of its lines
 * ({@link Ledger#verifyBalancesBelow} of the group admin's budget is empty), and every hundredth step
 * and at the end, every balance of the ledger ({@link Ledger#verifyBalances()});</li>
 * <li>no level is consumed beyond its cap plus grace: each member allocation, the group, and the
 * group admin's budget, each consumed at most its allocation plus the most generous template grace
 * (1 unit) plus one span at the highest running rate any template has had (at least 0.6667, a minute
 * at 40 units an hour): one span may start between the last check and a rate rise or the next run.
 * Kept disks' stopped spans are charged whatever is left (nothing is deleted for lack of budget), so
 * a level beyond that cap is checked again without them: what its running resources consumed must
 * stay within it.</li>
 * </ul>
 * Checked after every debit run: every resource's written debits equal what its history owes (the
 * first stopped span of a kept disk the ladder stopped at the run's instant included). After
 * a run with faults, instead: no span is debited twice and no hold released twice; when the chunk
 * failed, its retries wrote again exactly as many lines as it had (so its writes were rolled back);
 * the run counts as errors exactly the retries that failed, each resource whose retry failed has less
 * written than it owes, and every other resource exactly what it owes. Such resources are left to the
 * next run, after which, as after every run without faults, written = owed again.
 * <p>
 * On H2 the group is not overcommitted, so the group's and the admin's levels are reached only
 * through the members' allocations, the ladder's usual case. On PostgreSQL (or anywhere with
 * {@code -Dsimulation.overcommitted-group=true}) the group is overcommitted with a small budget, so
 * its own level runs out first and many running resources share it: the ladder must make the level
 * cover their next spans together (this walk found that it checked each on its own, and many
 * resources under a nearly spent group overran it by a span each).
 */
abstract class MeteringSimulationTests {

    static final long SEED = Long.getLong("simulation.seed", 20261124L);
    /** How likely a {@code debitSpans} call that wrote lines is to fail in a run with faults. */
    static final double FAULT_PROBABILITY = 0.5;
    /** The most resources the walk keeps at once; beyond, a provision deletes one instead. */
    static final int MOST_RESOURCES = 60;
    /**
     * Whether the group is overcommitted with a budget of 400 units, so that the group's level runs
     * out before its members' and the exhaustion ladder must stop resources for the group.
     */
    boolean overcommittedGroup() {
        return Boolean.getBoolean("simulation.overcommitted-group");
    }

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
    @Autowired
    LedgerFaults faults;
    @Autowired
    JdbcTemplate jdbc;
    @Value("${portal.metering.chunk-size:5000}")
    int chunkSize;

    static ConsumptionUnits units(String amount) {
        return ConsumptionUnits.parse(amount);
    }

    @AfterEach
    void reset() {
        faults.disarm();
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
        var faultRandom = new Random(random.nextLong());
        clock.reset();
        SystemActor.run(() -> metering.run("simulation setup"));
        String sysadmin = person("sysadmin", Set.of(GlobalRole.SYSTEM_ADMIN));
        instructor = person("instructor", Set.of());
        SignIn.as(directory, sysadmin);
        currency.set("EUR", new BigDecimal("0.05"), null);
        var admin = administration.appoint(instructor, units("100000"), null, null);
        String tag = " " + UUID.randomUUID();
        List<TemplateView> templates = List.of(
                template("Sim VM" + tag, "40", Duration.ofMinutes(1), "0", ExhaustionAction.STOP, "0"),
                template("Sim small VM" + tag, "12", Duration.ofSeconds(30), "1", ExhaustionAction.SUSPEND, "0"),
                template("Sim disk VM" + tag, "20", Duration.ofMinutes(5), "0", ExhaustionAction.STOP, "3"));
        SignIn.as(directory, instructor);
        var group = groups.create(null, new GroupDetails("Simulation" + tag, "", LocalDate.of(2026, 1, 1),
                LocalDate.of(2030, 1, 1), units("30"), overcommittedGroup()),
                units(overcommittedGroup() ? "400" : "5000"));
        groupId = group.id();
        catalog.allowTemplates(group.id(), templates.stream().map(TemplateView::id).toList());
        List<String> students = new ArrayList<>();
        Map<String, MemberView> memberships = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            String student = person("student" + i, Set.of());
            students.add(student);
            memberships.put(student, members.add(group.id(), student, null, MemberRole.MEMBER));
        }
        // Every level under the organization: the member allocations, the group, the group admin's budget.
        List<Long> levels = new ArrayList<>();
        memberships.values().stream().map(m -> m.budget().accountId()).sorted().forEach(levels::add);
        levels.add(group.budget().accountId());
        levels.add(admin.budget().accountId());
        adminAccount = admin.budget().accountId();
        // The accounts at or below each level: a member's own; the group's, with its members'; all, for the admin.
        below.clear();
        for (int i = 0; i < levels.size(); i++) {
            below.put(levels.get(i), i < memberships.size() ? List.of(levels.get(i)) : List.copyOf(levels.subList(0, i + 1)));
        }
        Map<Long, String> owners = new HashMap<>();
        states.clear();
        walk = new Walk();
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
                if (dice < 18 && owners.size() >= MOST_RESOURCES) {
                    // As many resources as the walk keeps: this provision deletes one instead.
                    var candidate = pick(random, owners, ResourceState.STOPPED, ResourceState.SUSPENDED,
                            ResourceState.RUNNING);
                    if (candidate != null) {
                        SignIn.as(directory, owners.get(candidate));
                        provisioning.delete(candidate, false);
                        owners.remove(candidate);
                        states.remove(candidate);
                    }
                } else if (dice < 18) {
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
                    if (candidate != null && random.nextInt(3) == 0) {
                        // Stopped at the provider's console, and reported only now: spans charged since
                        // then are put right (a change before the resource's last one is ignored).
                        var at = clock.instant().minusSeconds(random.nextInt(200));
                        if (SystemActor.call(() -> provisioning.applyProviderReport(new ProviderReport("simulated",
                                candidate, ResourceState.STOPPED, at, null, "stopped at the console")))) {
                            states.put(candidate, ResourceState.STOPPED);
                            walk.lateStops++;
                        }
                    } else if (candidate != null) {
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
                    catalog.scheduleRate(template.id(), new BurnRate(units(perHour), Duration.ofHours(1),
                            rate.minimumSpan(), rate.stoppedUnits(), ConsumptionUnits.ZERO),
                            clock.instant().plusSeconds(1 + random.nextInt(120)));
                    var spanCost = BurnRate.running(units(perHour), Duration.ofHours(1), rate.minimumSpan()).minimumCharge();
                    tolerance = tolerance.max(spanCost);
                } else if (dice < 52) {
                    // Around what the member has consumed: mostly more (a top-up), sometimes less (refused).
                    SignIn.as(directory, instructor);
                    var membership = memberships.get(student);
                    var consumed = ledger.balance(membership.budget().accountId()).consumed().value().intValue();
                    var amount = units(String.valueOf(Math.max(1, consumed - 10 + random.nextInt(70))));
                    memberships.put(student, members.changeAllocation(membership.id(), amount));
                } else if (dice < 53) {
                    // The group's budget, likewise around what the group has consumed.
                    SignIn.as(directory, instructor);
                    var consumed = ledger.balance(group.budget().accountId()).consumed().value().intValue();
                    var amount = units(String.valueOf(Math.max(1, consumed - 20 + random.nextInt(200))));
                    groups.changeBudget(groupId, amount);
                } else if (dice < 80) {
                    clock.advance(Duration.ofSeconds(1 + random.nextInt(29)));
                    // The job runs at least once per shortest span (30 s here), as it does every minute for
                    // one-minute spans in production; a budget is only safe from overrun when it does.
                    if (Duration.between(lastRun, clock.instant()).toSeconds() >= 29) {
                        runs++;
                        meter(random.nextInt(6) == 0, faultRandom, owners, levels, step);
                        lastRun = clock.instant();
                    }
                } else {
                    runs++;
                    lastRun = clock.instant();
                    if (random.nextInt(5) == 0) {
                        twoNodesAtOnce();
                        assertWrittenEqualsOwed(owners, step, Set.of());
                    } else {
                        meter(random.nextInt(6) == 0, faultRandom, owners, levels, step);
                    }
                }
            } catch (ConflictException | InvalidInputException | UpstreamException refused) {
                refusals++;
            } finally {
                SignIn.out();
            }
            assertNoLevelBeyondItsCap(levels, tolerance, step);
            assertBalancesAreTheirLines(step);
        }
        SystemActor.run(() -> metering.run("simulation end"));
        assertWrittenEqualsOwed(owners, operations(), Set.of());
        assertThat(ledger.verifyBalances()).isEmpty();
        System.out.printf("Simulation (seed %s): %,d operations, %,d debit runs (%,d with faults: %,d failed chunks, "
                + "%,d failed resource retries, %,d retries that went through), %,d late stops, %,d stops for lack of budget, "
                + "%,d refusals, %,d resources left; "
                + "%,d ms in verifyBalances, %,d ms comparing written and owed, %,d ms summing stopped burn%n", SEED, operations, runs,
                walk.faultyRuns, walk.failedChunks, walk.failedRetries, walk.cleanRetries, walk.lateStops, walk.budgetStops, refusals, owners.size(),
                walk.verifyNanos / 1_000_000, walk.owedNanos / 1_000_000, walk.stoppedBurnNanos / 1_000_000);
        assertThat(runs).as("debit runs in the walk").isGreaterThan(operations() / 10);
        assertThat(refusals).as("refusals are part of the walk, not all of it").isLessThan(operations() / 2);
        if (operations >= 5_000) {
            // A short walk may see few runs with lines to write; a long one must have seen every path.
            assertThat(walk.failedChunks).as("chunks that failed mid-way").isPositive();
            assertThat(walk.failedRetries).as("resources whose retry failed too").isPositive();
            assertThat(walk.cleanRetries).as("resources whose retry went through").isPositive();
            assertThat(walk.lateStops).as("stops the provider reported late").isPositive();
            assertThat(walk.budgetStops).as("stops for lack of budget").isPositive();
            assertThat(jdbc.queryForObject("select count(*) from ledger_line where type = 'DEBIT' and resource_id in"
                    + " (select id from cloud_resource where group_id = ?) and reason like '%) stopped, span from %'",
                    Integer.class, groupId)).as("stopped spans of kept disks").isPositive();
            assertThat(jdbc.queryForObject("select count(*) from ledger_line where type = 'REFUND'"
                    + " and reason like 'Refund: the provider confirmed a change late%'", Integer.class))
                    .as("spans put right after a late stop").isPositive();
        }
    }

    /** What the walk's runs with faults did. */
    private static final class Walk {
        int faultyRuns;
        int failedChunks;
        int failedRetries;
        int cleanRetries;
        int lateStops;
        int budgetStops;
        long verifyNanos;
        long owedNanos;
        long stoppedBurnNanos;
    }

    private Walk walk;
    /** The group admin's budget account, under which every account of the walk lies. */
    private long adminAccount;
    /** Per level, the accounts at or below it. */
    private final Map<Long, List<Long>> below = new HashMap<>();
    /** The group admin, who sees all of the group's resources, and the group. */
    private String instructor;
    private long groupId;

    /**
     * One run on one node, with faults injected when {@code faulty}, and what must hold after it: with
     * faults, what {@link #assertAfterFaults} checks; without, written = owed for every resource.
     */
    private void meter(boolean faulty, Random faultRandom, Map<Long, String> owners, List<Long> levels, int step) {
        if (!faulty) {
            walk.budgetStops += SystemActor.call(() -> metering.run("simulation")).stoppedForBudget();
            assertWrittenEqualsOwed(owners, step, Set.of());
            return;
        }
        walk.faultyRuns++;
        faults.arm(faultRandom, FAULT_PROBABILITY);
        MeteringRunView run;
        List<LedgerFaults.Call> calls;
        try {
            run = SystemActor.call(() -> metering.run("simulation with faults"));
        } finally {
            calls = faults.disarm();
        }
        walk.budgetStops += run.stoppedForBudget();
        assertAfterFaults(run, calls, owners, levels, step);
    }

    /**
     * A run's resources fit in one chunk here, so its {@code debitSpans} calls come in at most two
     * passes: the chunk's, then, when the ladder stopped resources, theirs again (their first stopped
     * span is owed from the stop). Each pass is one call and, when that failed, one call per resource
     * of the pass, its retries.
     */
    private void assertAfterFaults(MeteringRunView run, List<LedgerFaults.Call> calls, Map<Long, String> owners,
            List<Long> levels, int step) {
        String where = " at step " + step + " (seed " + SEED + ")";
        assertThat(run.resources()).as("resources of the run" + where).isLessThanOrEqualTo(chunkSize);
        Set<Long> failed = new TreeSet<>();
        int next = 0;
        if (!calls.isEmpty()) {
            next = pass(calls, 0, run.resources(), failed, where);
        }
        if (run.stoppedForBudget() > 0) {
            assertThat(calls).as("a pass for the resources the ladder stopped" + where).hasSizeGreaterThan(next);
            next = pass(calls, next, run.stoppedForBudget(), failed, where);
        }
        assertThat(calls).as("debitSpans calls of the run's passes" + where).hasSize(next);
        walk.failedRetries += failed.size();
        assertThat(run.errors()).as("errors counted by the run" + where).isEqualTo(failed.size());
        if (!failed.isEmpty()) {
            assertThat(run.lastError()).as("the run's last error" + where).contains("Injected fault");
        }
        assertNothingWrittenTwice(levels, where);
        assertWrittenEqualsOwed(owners, step, failed);
    }

    /**
     * Checks one pass over {@code inputs} resources starting at {@code calls[from]}; adds the
     * resources whose retry failed to {@code failed} and answers where the next pass starts.
     */
    private int pass(List<LedgerFaults.Call> calls, int from, int inputs, Set<Long> failed, String where) {
        var chunk = calls.get(from);
        if (!chunk.failed()) {
            return from + 1;
        }
        walk.failedChunks++;
        assertThat(calls.size()).as("one retry per resource of the failed chunk" + where)
                .isGreaterThanOrEqualTo(from + 1 + inputs);
        var retries = calls.subList(from + 1, from + 1 + inputs);
        for (var retry : retries) {
            assertThat(retry.resourceIds()).as("a retry's resources" + where).hasSizeLessThanOrEqualTo(1);
            assertThat(chunk.resourceIds()).as("the failed chunk's resources" + where).containsAll(retry.resourceIds());
            if (retry.failed()) {
                failed.addAll(retry.resourceIds());
            } else if (retry.written() > 0) {
                walk.cleanRetries++;
            }
        }
        // Had the failed chunk left any line behind, its retries would skip those spans as written.
        assertThat(retries.stream().mapToInt(LedgerFaults.Call::written).sum())
                .as("lines the retries wrote again, after the failed chunk's rollback" + where)
                .isEqualTo(chunk.written());
        return from + 1 + inputs;
    }

    private void assertNothingWrittenTwice(List<Long> levels, String where) {
        String accounts = levels.stream().map(String::valueOf).collect(Collectors.joining(", "));
        var twice = jdbc.queryForList("select resource_id from ledger_line l where type = 'DEBIT'"
                + " and span_start is not null and account_id in (" + accounts + ")"
                + " and not exists (select 1 from ledger_line r where r.corrects_line_id = l.id and r.type = 'REFUND')"
                + " group by resource_id, span_start having count(*) > 1", Long.class);
        if (!twice.isEmpty()) {
            var lines = new ArrayList<String>();
            jdbc.query("select id, type, amount, span_start, span_revision, corrects_line_id, at, reason from ledger_line"
                    + " where resource_id = ? order by id", (RowCallbackHandler) row -> lines.add(row.getLong(1) + " "
                            + row.getString(2) + " " + row.getBigDecimal(3) + " " + row.getTimestamp(4) + " r"
                            + row.getObject(5) + " corrects " + row.getObject(6) + " at " + row.getTimestamp(7) + " "
                            + row.getString(8)), twice.getFirst());
            throw new AssertionError("resources with a span debited twice" + where + ": " + twice + "\nlines of "
                    + twice.getFirst() + ":\n" + String.join("\n", lines));
        }
        assertThat(jdbc.queryForList("select hold_line_id from ledger_line where type = 'RELEASE'"
                + " and account_id in (" + accounts + ") group by hold_line_id having count(*) > 1", Long.class))
                .as("holds released or converted twice" + where).isEmpty();
    }

    /**
     * Every balance of the walk's accounts (the group admin's budget and everything below it) equals
     * the sum of its lines; every hundredth step, every balance of the ledger (the organization's too,
     * whose lines include other tests').
     */
    private void assertBalancesAreTheirLines(int step) {
        long t0 = System.nanoTime();
        var mismatches = step % 100 == 0 ? ledger.verifyBalances() : ledger.verifyBalancesBelow(adminAccount);
        walk.verifyNanos += System.nanoTime() - t0;
        if (!mismatches.isEmpty()) {
            throw new AssertionError("balances differ from their lines at step " + step + " (seed " + SEED + "): "
                    + mismatches);
        }
    }

    /** A time-billed template; {@code stoppedPerHour} above zero keeps billing its resources while they are stopped. */
    private TemplateView template(String name, String perHour, Duration span, String grace, ExhaustionAction action,
            String stoppedPerHour) {
        return catalog.create(new TemplateDraft(name, "", TemplateKind.STANDALONE, null, Billing.TIME, "simulated",
                Map.of(), null, true, new ExhaustionPolicy(List.of(50, 90), units(grace), Duration.ZERO, action)),
                new BurnRate(units(perHour), Duration.ofHours(1), span, units(stoppedPerHour), ConsumptionUnits.ZERO));
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

    /**
     * Every resource's written debits equal what its history owes, except those of {@code failed},
     * whose last debits failed and were rolled back: they have less written than they owe. What each
     * owes is its cost so far as the group admin sees it, all the group's resources in one listing.
     */
    private void assertWrittenEqualsOwed(Map<Long, String> owners, int step, Set<Long> failed) {
        long t0 = System.nanoTime();
        if (owners.isEmpty()) {
            return;
        }
        SignIn.as(directory, instructor);
        Map<Long, ResourceView> views = new HashMap<>();
        provisioning.groupResources(groupId).forEach(view -> views.put(view.id(), view));
        SignIn.out();
        Map<Long, ConsumptionUnits> debited = new HashMap<>();
        jdbc.query("select resource_id, sum(case when type = 'REFUND' then -amount else amount end) from ledger_line"
                + " where type in ('DEBIT', 'REFUND') and resource_id in ("
                + owners.keySet().stream().map(String::valueOf).collect(Collectors.joining(", "))
                + ") group by resource_id", (RowCallbackHandler) row -> debited.put(row.getLong(1),
                        ConsumptionUnits.rounded(row.getBigDecimal(2))));
        for (var id : owners.keySet()) {
            var resource = views.get(id);
            if (resource == null) {
                throw new AssertionError("resource " + id + " is not among its group's at step " + step);
            }
            states.put(id, resource.state());
            var written = debited.getOrDefault(id, ConsumptionUnits.ZERO);
            boolean rolledBack = failed.contains(id);
            if (rolledBack ? !resource.costSoFar().exceeds(written) : !written.equals(resource.costSoFar())) {
                var lines = ledger.linesOfResource(id, PageRequest.of(0, 500)).getContent().stream()
                        .map(l -> l.type() + " " + l.amount() + " " + l.spanStart()).toList();
                throw new AssertionError("written " + written + (rolledBack ? " not below" : " !=") + " owed "
                        + resource.costSoFar() + " for resource " + id + " at step " + step + " (seed " + SEED
                        + ")\nhistory " + resource.history() + "\nlines " + lines);
            }
        }
        walk.owedNanos += System.nanoTime() - t0;
    }

    /**
     * No level beyond its allocation plus the grace of the most generous template (1 unit) plus one
     * span at the highest running rate seen (at least the first template's 0.6667 a minute).
     */
    /** What happened below a level in the last ten minutes: the debit runs and the lines written, in order. */
    private String recently(long level) {
        var since = java.sql.Timestamp.from(clock.instant().minus(Duration.ofMinutes(10)));
        String path = jdbc.queryForObject("select path from ledger_account where id = ?", String.class, level);
        var story = new ArrayList<String>();
        story.add("now " + clock.instant());
        jdbc.query("select started_at, node, resources, lines_written, errors from metering_run where started_at >= ?"
                + " order by started_at, id", (RowCallbackHandler) row -> story.add("run at "
                        + row.getTimestamp(1).toInstant() + " " + row.getString(2) + ": " + row.getInt(3)
                        + " resources, " + row.getInt(4) + " lines, " + row.getInt(5) + " errors"), since);
        jdbc.query("select l.at, a.name, l.resource_id, l.type, l.amount, l.span_start, l.span_end from ledger_line l"
                + " join ledger_account a on a.id = l.account_id where a.path like ? and l.at >= ? order by l.at, l.id",
                (RowCallbackHandler) row -> story.add("line at " + row.getTimestamp(1).toInstant() + " "
                        + row.getString(2) + " resource " + row.getObject(3) + " " + row.getString(4) + " "
                        + row.getBigDecimal(5) + (row.getTimestamp(6) == null ? "" : " span "
                                + row.getTimestamp(6).toInstant() + " - " + row.getTimestamp(7).toInstant())),
                path + "%", since);
        return String.join("\n", story);
    }

    private void assertNoLevelBeyondItsCap(List<Long> levels, ConsumptionUnits tolerance, int step) {
        var balances = ledger.balances(levels);
        for (long level : levels) {
            var balance = balances.get(level);
            var cap = balance.allocated().plus(units("1")).plus(tolerance.max(units("0.6667")));
            if (balance.consumed().exceeds(cap)) {
                // A kept disk's stopped spans are charged whatever is left (nothing is deleted for lack
                // of budget): the cap bounds the rest, what running resources consumed.
                long t0 = System.nanoTime();
                var stoppedBurn = stoppedBurn(level);
                walk.stoppedBurnNanos += System.nanoTime() - t0;
                if (!balance.consumed().minus(stoppedBurn).exceeds(cap)) {
                    continue;
                }
                throw new AssertionError("the " + balance.kind().label() + " '" + balance.name() + "' consumed "
                        + balance.consumed() + " of " + balance.allocated() + ", " + stoppedBurn + " of it stopped"
                        + " (cap with grace and one span " + cap + ") at step " + step + " (seed " + SEED + ")\n"
                        + recently(level));
            }
        }
    }

    /** What the level's resources consumed while stopped: their stopped spans, net of refunds. */
    private ConsumptionUnits stoppedBurn(long level) {
        String accounts = below.get(level).stream().map(String::valueOf).collect(Collectors.joining(", "));
        String stopped = "%) stopped, span from %";
        return ConsumptionUnits.rounded(jdbc.queryForObject("select coalesce(sum(case when l.type = 'DEBIT'"
                + " then l.amount else -l.amount end), 0) from ledger_line l"
                + " left join ledger_line c on c.id = l.corrects_line_id where l.account_id in (" + accounts + ")"
                + " and ((l.type = 'DEBIT' and l.reason like ?) or (l.type = 'REFUND' and c.reason like ?))",
                BigDecimal.class, stopped, stopped));
    }
}
