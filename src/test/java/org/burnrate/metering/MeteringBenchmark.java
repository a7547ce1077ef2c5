package org.burnrate.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import javax.sql.DataSource;

import org.burnrate.BurnrateApplication;
import org.burnrate.base.ConsumptionUnits;
import org.burnrate.budget.BudgetAdministration;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.CurrencySettings;
import org.burnrate.catalog.ExhaustionPolicy;
import org.burnrate.catalog.TemplateCatalog;
import org.burnrate.catalog.TemplateDraft;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.catalog.TemplateView;
import org.burnrate.ledger.Ledger;
import org.burnrate.security.ApiTokenService;
import org.burnrate.security.PortalUserDirectory;
import org.burnrate.security.SystemActor;
import org.burnrate.support.Api;
import org.burnrate.support.SignIn;
import org.burnrate.support.TestClock;
import org.burnrate.support.TestClockConfiguration;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The debit job's benchmark: a command, not a test. The normal build never runs it (surefire only
 * picks up {@code *Test}/{@code *Tests}); run it with
 * <pre>./mvnw -B -o -q -Pbenchmark test -Dbench.n=10000,100000</pre>
 * For each N it starts the whole portal on a fresh PostgreSQL database, seeds an organization with
 * group admins, groups and members by JDBC batches (setup speed only), and N VMs running since
 * {@link TestClock#START} with a confirmed RUNNING history. Then, exactly as in production,
 * {@link MeteringService#run} writes every VM's first span, the clock moves a span and a half on,
 * and each timed run writes the one span each VM now owes (the median of several is reported). In the same database the same rows go
 * through a plain JDBC batched INSERT into a copy of {@code ledger_line} (its columns, indexes and
 * foreign keys; and once without the foreign keys), and usage through {@code POST /api/v1/usage}
 * in batches of 100 events is timed. Afterwards it checks that the lines written are exactly the
 * spans owed and that every cached balance equals its lines ({@code Ledger.verifyBalances()}).
 * <p>
 * Properties (all {@code -D} on the Maven command line): {@code bench.n} (comma separated, default
 * 10000,100000), {@code bench.database} (default burnrate_bench, dropped and created for each N,
 * dropped at the end), {@code bench.admins} (50), {@code bench.groups} (500),
 * {@code bench.members-per-group} (20), {@code bench.usage-events} (100000),
 * {@code bench.usage-resources} (1000), {@code bench.usage-clients} (comma separated, default 1,4:
 * how many clients send at once), {@code bench.usage-warmup} (20000: the events of one warm-up
 * round, sent by as many clients before each timed usage run, round after round until the JIT
 * compiler is all but idle, so that it has compiled the request path), {@code bench.repeats} (5
 * timed debit runs and plain inserts, of which the median is reported), {@code bench.warmup} (at
 * least 3 rounds of a debit run and the plain inserts before them, not timed, and more until a round
 * leaves the JIT compiler all but idle), {@code bench.warmup-max} (30: at most so many warm-up
 * rounds of either kind); any portal property, such as {@code portal.metering.chunk-size}.
 */
class MeteringBenchmark {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String USER = "postgres";
    private static final Duration SPAN = Duration.ofMinutes(1);
    private static final String SEEDER = "benchmark seed";
    /** The first system admin, made at start-up from portal.admin.*; the API token for usage is his. */
    private static final String ADMIN = "bench-sysadmin@bench.test";

    private final String database = System.getProperty("bench.database", "burnrate_bench");
    private final int admins = Integer.getInteger("bench.admins", 50);
    private final int groups = Integer.getInteger("bench.groups", 500);
    private final int membersPerGroup = Integer.getInteger("bench.members-per-group", 20);
    private final int usageEvents = Integer.getInteger("bench.usage-events", 100_000);
    private final int usageResources = Integer.getInteger("bench.usage-resources", 1000);
    private final int usageWarmUp = Integer.getInteger("bench.usage-warmup", 20_000);
    private final int repeats = Integer.getInteger("bench.repeats", 5);
    private final int warmUps = Integer.getInteger("bench.warmup", 3);
    private final int maxWarmUps = Integer.getInteger("bench.warmup-max", 30);
    private final int[] usageClients = Arrays.stream(System.getProperty("bench.usage-clients", "1,4").split(","))
            .map(String::strip).mapToInt(Integer::parseInt).toArray();
    private final List<String> report = new ArrayList<>();

    @Test
    void debitRunAgainstAPlainBatchedInsert() throws Exception {
        var sizes = Arrays.stream(System.getProperty("bench.n", "10000,100000").split(",")).map(String::strip)
                .mapToInt(Integer::parseInt).toArray();
        try {
            for (int n : sizes) {
                measure(n);
            }
        } finally {
            dropDatabase();
            System.out.println();
            System.out.println("==== Metering benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, JDK "
                    + Runtime.version().feature() + ") ====");
            report.forEach(System.out::println);
        }
    }

    private void measure(int n) throws Exception {
        createDatabase();
        try (var context = start()) {
            var bench = new Stage(context, n);
            bench.seed();
            var first = bench.debitRun();
            // A span and a half: the span that started a minute in is owed now, the next one not yet.
            bench.clock.advance(SPAN.plus(SPAN.dividedBy(2)));
            // Each run owes one new span per VM. The first rounds are not timed: the JIT compiles the
            // debit and insert paths during them, on the same two cores (a quarter of the CPU for many
            // seconds at first). They go on until a round leaves the compiler all but idle.
            List<Timing> debitRuns = new ArrayList<>();
            List<Timing> inserts = new ArrayList<>();
            List<Timing> bareInserts = new ArrayList<>();
            List<Timing> copies = new ArrayList<>();
            var jit = new JitWatch();
            int untimed = 0;
            while (untimed < maxWarmUps && (untimed < warmUps || !jit.quiet())) {
                if (untimed > 0) {
                    bench.clock.advance(SPAN);
                }
                jit.roundStarts();
                bench.plainInsert(false);
                bench.plainInsert(true);
                bench.plainCopy();
                bench.debitRun();
                untimed++;
            }
            var jitAtEnd = jit.lastRound();
            for (int r = 0; r < repeats; r++) {
                bench.clock.advance(SPAN);
                bareInserts.add(bench.plainInsert(false));
                inserts.add(bench.plainInsert(true));
                copies.add(bench.plainCopy());
                debitRuns.add(bench.debitRun());
            }
            var timed = median(debitRuns);
            var insert = median(inserts);
            var bare = median(bareInserts);
            List<String> usage = new ArrayList<>();
            for (int clients : usageClients) {
                usage.add("%d client%s: %s".formatted(clients, clients == 1 ? "" : "s", bench.usage(clients)));
            }
            var mismatches = bench.verify(1 + untimed + repeats);

            report.add("");
            report.add("N = %,d running resources (%d group admins, %d groups, %,d members; chunk size %s)".formatted(n,
                    admins, groups, groups * membersPerGroup,
                    context.getEnvironment().getProperty("portal.metering.chunk-size")));
            report.add("  first debit run (first spans, JIT warming up): %s".formatted(first));
            report.add("  debit run, one new span each, median of %d after %d untimed rounds (%s): %s (all: %s ms)"
                    .formatted(repeats, untimed, jitAtEnd, timed, millis(debitRuns)));
            report.add("  plain JDBC batched INSERT, ledger_line's columns, indexes and foreign keys, median of %d: %s (all: %s ms)"
                    .formatted(repeats, insert, millis(inserts)));
            report.add("  ratio debit / plain insert: %.2f (the debit run at %.0f%% of the plain insert's speed)"
                    .formatted(timed.seconds() / insert.seconds(), 100 * insert.seconds() / timed.seconds()));
            report.add("  (the same INSERT without the foreign keys: %s; ratio %.2f)".formatted(bare,
                    timed.seconds() / bare.seconds()));
            var copy = median(copies);
            report.add("  (the same rows through COPY, as the debit run writes a chunk, with the foreign keys: %s; ratio %.2f)"
                    .formatted(copy, timed.seconds() / copy.seconds()));
            report.add("  usage through POST /api/v1/usage, batches of 100: " + String.join("; ", usage));
            bench.usageWarmUpReport.forEach((clients, warmUp) -> report.add("    (warm-up before %d client%s: %s)"
                    .formatted(clients, clients == 1 ? "" : "s", warmUp)));
            report.add("  lines written == spans owed: yes; ledger.verifyBalances() = " + mismatches);
        }
    }

    /**
     * How busy the JIT compiler was during the last warm-up round: quiet when it compiled for less
     * than a twentieth of the round's time (the compiler threads' time, as the JVM counts it).
     */
    static final class JitWatch {

        private final java.lang.management.CompilationMXBean compiler =
                java.lang.management.ManagementFactory.getCompilationMXBean();
        private long compiledBefore = -1;
        private long startedAt;
        private long lastCompiled;
        private long lastWall;

        void roundStarts() {
            measureRound();
            compiledBefore = compiler.getTotalCompilationTime();
            startedAt = System.nanoTime();
        }

        private void measureRound() {
            if (compiledBefore >= 0) {
                lastCompiled = compiler.getTotalCompilationTime() - compiledBefore;
                lastWall = (System.nanoTime() - startedAt) / 1_000_000;
                compiledBefore = -1;
            }
        }

        boolean quiet() {
            measureRound();
            return lastWall > 0 && lastCompiled * 20 < lastWall;
        }

        String lastRound() {
            measureRound();
            return "the JIT compiled for %,d ms during the last one, of %,d ms".formatted(lastCompiled, lastWall);
        }
    }

    private static Timing median(List<Timing> timings) {
        var sorted = timings.stream().sorted(java.util.Comparator.comparing(Timing::took)).toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String millis(List<Timing> timings) {
        return String.join(", ", timings.stream().map(t -> String.valueOf(t.took().toMillis())).toList());
    }

    /** How many rows (or events) in how much time. */
    record Timing(long count, Duration took, String what) {

        Timing(long count, Duration took) {
            this(count, took, "rows");
        }

        double seconds() {
            return took.toNanos() / 1e9;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d %s in %,d ms = %,.0f %s/s", count, what, took.toMillis(),
                    count / seconds(), what);
        }
    }

    /** One N: a running portal, its seeded institution, and what it measures. */
    private final class Stage {

        final ConfigurableApplicationContext context;
        final int n;
        final JdbcTemplate jdbc;
        final TestClock clock;
        final Ledger ledger;
        final MeteringService metering;
        final Random random = new Random(42);
        String token = "";
        long rootAccount;
        long[] memberUsers = new long[0];
        long[] memberAccounts = new long[0];
        long[] memberGroups = new long[0];
        TemplateView vm;
        TemplateView storage;
        long[] usageResourceIds = new long[0];
        final Map<Integer, String> usageWarmUpReport = new java.util.TreeMap<>();
        int runs;

        Stage(ConfigurableApplicationContext context, int n) {
            this.context = context;
            this.n = n;
            this.jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            this.clock = context.getBean(TestClock.class);
            this.ledger = context.getBean(Ledger.class);
            this.metering = context.getBean(MeteringService.class);
            clock.reset();
        }

        /** The system admin, the templates and the pool through the services; the hierarchy and resources by JDBC. */
        void seed() {
            var started = System.nanoTime();
            SignIn.as(context.getBean(PortalUserDirectory.class), ADMIN);
            try {
                token = context.getBean(ApiTokenService.class).create("benchmark").secret();
                context.getBean(CurrencySettings.class).set("EUR", new BigDecimal("0.05"), null);
                var catalog = context.getBean(TemplateCatalog.class);
                vm = catalog.create(new TemplateDraft("Benchmark VM", "", TemplateKind.STANDALONE, null, Billing.TIME,
                        "simulated", Map.of(), null, true, ExhaustionPolicy.DEFAULT),
                        BurnRate.running(ConsumptionUnits.parse("40"), Duration.ofHours(1), SPAN));
                storage = catalog.create(new TemplateDraft("Benchmark storage", "", TemplateKind.STANDALONE, null,
                        Billing.PER_OPERATION, "simulated", Map.of(), null, true, ExhaustionPolicy.DEFAULT),
                        new BurnRate(ConsumptionUnits.ZERO, Duration.ofHours(1), Duration.ofHours(1),
                                ConsumptionUnits.ZERO, ConsumptionUnits.parse("0.01")));
                context.getBean(BudgetAdministration.class).pool();
            } finally {
                SignIn.out();
            }
            rootAccount = jdbc.queryForObject("select ledger_account_id from budget_organization", Long.class);
            seedHierarchy();
            seedResources(n, vm.id());
            jdbc.execute("analyze");
            System.out.printf(Locale.ROOT, "N = %,d: seeded in %,d ms%n", n, (System.nanoTime() - started) / 1_000_000);
        }

        private void seedHierarchy() {
            var at = ts(clock.instant().minus(Duration.ofDays(30)));
            var memberAllocation = new BigDecimal("10000");
            var groupBudget = memberAllocation.multiply(BigDecimal.valueOf(membersPerGroup + 5L));
            int groupsPerAdmin = (groups + admins - 1) / admins;
            var adminBudget = groupBudget.multiply(BigDecimal.valueOf(groupsPerAdmin + 1L));

            long[] adminUsers = reserve("portal_user_seq", admins);
            long[] adminAccounts = reserve("ledger_account_seq", admins);
            long[] adminBudgets = reserve("group_admin_budget_seq", admins);
            long[] adminLines = reserve("ledger_line_seq", admins);
            users(adminUsers, "admin", true, at);
            List<Object[]> accounts = new ArrayList<>();
            List<Object[]> budgets = new ArrayList<>();
            List<Object[]> lines = new ArrayList<>();
            for (int a = 0; a < admins; a++) {
                var toGroups = groupBudget.multiply(BigDecimal.valueOf(groupsOf(a, groupsPerAdmin)));
                accounts.add(account(adminAccounts[a], "GROUP_ADMIN", rootAccount, "/" + rootAccount + "/", 1,
                        "Group admin " + a, adminBudget, toGroups, at));
                budgets.add(new Object[] {adminBudgets[a], adminUsers[a], adminAccounts[a], at});
                lines.add(allocation(adminLines[a], adminAccounts[a], rootAccount, adminBudget, at));
            }
            insertAccounts(accounts);
            jdbc.batchUpdate("""
                    insert into group_admin_budget (id, version, user_id, ledger_account_id, created_at)
                    values (?, 0, ?, ?, ?)""", budgets);
            insertLines(lines);
            jdbc.update("update ledger_account set allocated_to_children = allocated_to_children + ? where id = ?",
                    adminBudget.multiply(BigDecimal.valueOf(admins)), rootAccount);

            long[] groupIds = reserve("budget_group_seq", groups);
            long[] groupAccounts = reserve("ledger_account_seq", groups);
            long[] groupLines = reserve("ledger_line_seq", groups);
            accounts.clear();
            lines.clear();
            List<Object[]> groupRows = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                int a = g / groupsPerAdmin;
                accounts.add(account(groupAccounts[g], "GROUP", adminAccounts[a],
                        "/" + rootAccount + "/" + adminAccounts[a] + "/", 2, "Group " + g, groupBudget,
                        memberAllocation.multiply(BigDecimal.valueOf(membersPerGroup)), at));
                groupRows.add(new Object[] {groupIds[g], adminBudgets[a], groupAccounts[g], "Group " + g, at});
                lines.add(allocation(groupLines[g], groupAccounts[g], adminAccounts[a], groupBudget, at));
            }
            insertAccounts(accounts);
            jdbc.batchUpdate("""
                    insert into budget_group (id, version, admin_budget_id, ledger_account_id, name, description,
                        default_allocation, overcommit, created_at)
                    values (?, 0, ?, ?, ?, '', 0, false, ?)""", groupRows);
            insertLines(lines);

            int members = groups * membersPerGroup;
            memberUsers = reserve("portal_user_seq", members);
            memberAccounts = reserve("ledger_account_seq", members);
            memberGroups = new long[members];
            long[] memberships = reserve("group_membership_seq", members);
            long[] memberLines = reserve("ledger_line_seq", members);
            users(memberUsers, "member", false, at);
            accounts.clear();
            lines.clear();
            List<Object[]> membershipRows = new ArrayList<>();
            for (int m = 0; m < members; m++) {
                int g = m / membersPerGroup;
                int a = g / groupsPerAdmin;
                memberGroups[m] = groupIds[g];
                accounts.add(account(memberAccounts[m], "MEMBERSHIP", groupAccounts[g],
                        "/" + rootAccount + "/" + adminAccounts[a] + "/" + groupAccounts[g] + "/", 3, "Member " + m,
                        memberAllocation, BigDecimal.ZERO, at));
                membershipRows.add(new Object[] {memberships[m], groupIds[g], memberUsers[m], memberAccounts[m], at});
                lines.add(allocation(memberLines[m], memberAccounts[m], groupAccounts[g], memberAllocation, at));
            }
            insertAccounts(accounts);
            jdbc.batchUpdate("""
                    insert into group_membership (id, version, group_id, user_id, role, ledger_account_id, created_at)
                    values (?, 0, ?, ?, 'MEMBER', ?, ?)""", membershipRows);
            insertLines(lines);
        }

        private int groupsOf(int admin, int groupsPerAdmin) {
            return Math.max(0, Math.min(groupsPerAdmin, groups - admin * groupsPerAdmin));
        }

        /**
         * {@code count} resources of the template, each owned by a member drawn at random (so a chunk
         * of consecutive ids touches many member accounts, as in life), RUNNING since now.
         */
        long[] seedResources(int count, long templateId) {
            var now = clock.instant();
            long[] ids = reserve("cloud_resource_seq", count);
            long[] changes = reserve("resource_state_change_seq", 2 * count);
            List<Object[]> resources = new ArrayList<>(count);
            List<Object[]> history = new ArrayList<>(2 * count);
            for (int i = 0; i < count; i++) {
                int m = random.nextInt(memberAccounts.length);
                resources.add(new Object[] {ids[i], memberGroups[m], templateId, "bench-" + ids[i], memberUsers[m],
                        memberAccounts[m], ts(now), "sim-" + ids[i], ts(now.minusSeconds(5))});
                history.add(new Object[] {changes[2 * i], ids[i], "REQUESTED", ts(now.minusSeconds(5)), "member " + m,
                        "requested from the benchmark"});
                history.add(new Object[] {changes[2 * i + 1], ids[i], "RUNNING", ts(now), "simulated",
                        "confirmed by the provider"});
            }
            jdbc.batchUpdate("""
                    insert into cloud_resource (id, version, group_id, template_id, name, owner_user_id, shared,
                        ledger_account_id, state, running_since, provider, provider_ref, created_at, metered)
                    values (?, 0, ?, ?, ?, ?, false, ?, 'RUNNING', ?, 'simulated', ?, ?, false)""", resources, 1000,
                    (statement, row) -> {
                        for (int c = 0; c < row.length; c++) {
                            statement.setObject(c + 1, row[c]);
                        }
                    });
            jdbc.batchUpdate("""
                    insert into resource_state_change (id, resource_id, state, at, confirmed_by, note)
                    values (?, ?, ?, ?, ?, ?)""", history, 1000, (statement, row) -> {
                for (int c = 0; c < row.length; c++) {
                    statement.setObject(c + 1, row[c]);
                }
            });
            return ids;
        }

        /** One full debit run, as the job runs it. */
        Timing debitRun() {
            var started = System.nanoTime();
            var run = SystemActor.call(() -> metering.run("benchmark"));
            var took = Duration.ofNanos(System.nanoTime() - started);
            runs++;
            assertThat(run.errors()).as("errors of the debit run: " + run.lastError()).isZero();
            assertThat(run.linesWritten()).as("each running resource owes exactly one new span").isEqualTo(n);
            return new Timing(run.linesWritten(), took);
        }

        /**
         * The lines the timed run writes, as plain rows through a JDBC batch (1,000 a statement batch,
         * one transaction) into a copy of ledger_line: its columns and indexes, and (as every ledger
         * line must pass them) its foreign keys.
         */
        Timing plainInsert(boolean foreignKeys) throws SQLException {
            List<long[]> rows = emptyCopyOfTheLedger(foreignKeys);
            var at = Timestamp.from(clock.instant());
            var spanStart = Timestamp.from(TestClock.START.plus(SPAN));
            var spanEnd = Timestamp.from(TestClock.START.plus(SPAN.multipliedBy(2)));
            var amount = new BigDecimal("0.6667");
            var unitValue = new BigDecimal("0.050000");
            long rateVersion = vm.currentRate().id();
            Duration took;
            try (Connection connection = context.getBean(DataSource.class).getConnection()) {
                connection.setAutoCommit(false);
                var started = System.nanoTime();
                try (var insert = connection.prepareStatement("""
                        insert into bench_ledger_line (id, account_id, counter_account_id, type, amount, at, actor,
                            reason, idempotency_key, hold_line_id, corrects_line_id, resource_id, rate_version_id,
                            span_start, span_end, unit_value, currency, span_revision)
                        values (?, ?, null, 'DEBIT', ?, ?, 'system', ?, null, null, null, ?, ?, ?, ?, ?, 'EUR', 0)""")) {
                    for (int i = 0; i < n; i++) {
                        insert.setLong(1, i + 1);
                        insert.setLong(2, rows.get(i)[0]);
                        insert.setBigDecimal(3, amount);
                        insert.setTimestamp(4, at);
                        insert.setString(5, "'bench-" + rows.get(i)[1] + "' (Benchmark VM) running, span from "
                                + spanStart.toInstant());
                        insert.setLong(6, rows.get(i)[1]);
                        insert.setLong(7, rateVersion);
                        insert.setTimestamp(8, spanStart);
                        insert.setTimestamp(9, spanEnd);
                        insert.setBigDecimal(10, unitValue);
                        insert.addBatch();
                        if ((i + 1) % 1000 == 0) {
                            insert.executeBatch();
                        }
                    }
                    insert.executeBatch();
                }
                connection.commit();
                took = Duration.ofNanos(System.nanoTime() - started);
            }
            jdbc.execute("drop table bench_ledger_line");
            return new Timing(n, took);
        }

        /**
         * Makes {@code bench_ledger_line} afresh, empty, with ledger_line's columns and indexes (and
         * its foreign keys, when asked), and answers the rows the timed run writes: each VM's account
         * and id, in the order the job takes them.
         */
        private List<long[]> emptyCopyOfTheLedger(boolean foreignKeys) {
            jdbc.execute("drop table if exists bench_ledger_line");
            jdbc.execute("create table bench_ledger_line (like ledger_line including all)");
            if (foreignKeys) {
                jdbc.execute("""
                        alter table bench_ledger_line
                            add foreign key (account_id) references ledger_account (id),
                            add foreign key (counter_account_id) references ledger_account (id),
                            add foreign key (hold_line_id) references ledger_line (id),
                            add foreign key (corrects_line_id) references ledger_line (id)""");
            }
            return jdbc.query("""
                    select ledger_account_id, id from cloud_resource where template_id = ?
                    order by ledger_account_id, id""", (row, i) -> new long[] {row.getLong(1), row.getLong(2)}, vm.id());
        }

        /**
         * The same rows as {@link #plainInsert}, with its foreign keys, through PostgreSQL's COPY (text
         * format, one stream, one transaction), which the debit run's own writes use for a chunk: for
         * reference, next to the plain insert the aim is set against.
         */
        Timing plainCopy() throws SQLException, IOException {
            List<long[]> rows = emptyCopyOfTheLedger(true);
            var at = clock.instant();
            var spanStart = TestClock.START.plus(SPAN);
            var spanEnd = TestClock.START.plus(SPAN.multipliedBy(2));
            long rateVersion = vm.currentRate().id();
            Duration took;
            try (Connection connection = context.getBean(DataSource.class).getConnection()) {
                connection.setAutoCommit(false);
                var started = System.nanoTime();
                var text = new StringBuilder(n * 256);
                for (int i = 0; i < n; i++) {
                    text.append(i + 1).append('\t').append(rows.get(i)[0]).append("\t\\N\tDEBIT\t0.6667\t").append(at)
                            .append("\tsystem\t'bench-").append(rows.get(i)[1]).append("' (Benchmark VM) running, span from ")
                            .append(spanStart).append("\t\\N\t\\N\t\\N\t").append(rows.get(i)[1]).append('\t')
                            .append(rateVersion).append('\t').append(spanStart).append('\t').append(spanEnd)
                            .append("\t0.050000\tEUR\t0\n");
                }
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                        copy bench_ledger_line (id, account_id, counter_account_id, type, amount, at, actor, reason,
                            idempotency_key, hold_line_id, corrects_line_id, resource_id, rate_version_id, span_start,
                            span_end, unit_value, currency, span_revision) from stdin""",
                        new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
                connection.commit();
                took = Duration.ofNanos(System.nanoTime() - started);
            }
            jdbc.execute("drop table bench_ledger_line");
            return new Timing(n, took);
        }

        /**
         * Usage events of per-operation resources through the REST API, 100 per request, from
         * {@code clients} clients at once (each sends its next request when the last is answered).
         * The request bodies are made before the clock starts; as many requests from as many clients warm up first.
         */
        Timing usage(int clients) throws Exception {
            if (usageResourceIds.length == 0) {
                usageResourceIds = seedResources(usageResources, storage.id());
            }
            int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
            // Warm-up rounds until one leaves the JIT compiler all but idle: with the default warm-up of
            // 20,000 events, the compiler still took a quarter of the two cores through the timed run.
            var jit = new JitWatch();
            int warmUpBatches = 0;
            int rounds = 0;
            while (rounds < Math.max(1, maxWarmUps) && (rounds == 0 || !jit.quiet())) {
                var warmUp = bodies(clients + "-warm" + rounds, usageWarmUp / 100);
                jit.roundStarts();
                send(port, warmUp, clients);
                warmUpBatches += warmUp.size();
                rounds++;
            }
            usageWarmUpReport.put(clients, "%,d events in %d rounds, %s".formatted(100L * warmUpBatches, rounds,
                    jit.lastRound()));
            var timed = bodies(String.valueOf(clients), usageEvents / 100);
            long started = System.nanoTime();
            long charged = send(port, timed, clients);
            var took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(charged).as("every event charged once").isEqualTo(100L * timed.size());
            assertThat(jdbc.queryForObject("select count(*) from ledger_line where idempotency_key like ?", Long.class,
                    "usage:bench-" + clients + "-%")).isEqualTo(100L * (timed.size() + warmUpBatches));
            return new Timing(charged, took, "events");
        }

        /** Request bodies of 100 events each on random usage resources, with keys unique to {@code series}. */
        private List<String> bodies(String series, int batches) {
            List<String> bodies = new ArrayList<>();
            for (int b = 0; b < batches; b++) {
                var json = new StringBuilder("[");
                for (int e = 0; e < 100; e++) {
                    json.append(e == 0 ? "" : ",").append("{\"resourceId\":")
                            .append(usageResourceIds[random.nextInt(usageResourceIds.length)]).append(",\"quantity\":")
                            .append(1 + random.nextInt(10)).append(",\"idempotencyKey\":\"bench-").append(series)
                            .append('-').append(b).append('-').append(e).append("\"}");
                }
                bodies.add(json.append(']').toString());
            }
            return bodies;
        }

        /** Posts the bodies from {@code clients} clients at once; answers how many events were charged. */
        private long send(int port, List<String> bodies, int clients) throws Exception {
            var next = new java.util.concurrent.atomic.AtomicInteger();
            var charged = new java.util.concurrent.atomic.AtomicLong();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(clients)) {
                List<java.util.concurrent.Future<?>> done = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    done.add(pool.submit(() -> {
                        var api = new Api(port).bearer(token);
                        for (int b = next.getAndIncrement(); b < bodies.size(); b = next.getAndIncrement()) {
                            var response = api.post("/api/v1/usage", bodies.get(b));
                            assertThat(response.status()).as(response.body()).isEqualTo(200);
                            charged.addAndGet(response.json().get("charged").asLong());
                        }
                    }));
                }
                for (var client : done) {
                    client.get();
                }
            }
            return charged.get();
        }

        /** Lines written == spans owed (each VM one per run), nothing written twice, every balance the sum of its lines. */
        List<String> verify(int spansEach) {
            assertThat(jdbc.queryForObject("""
                    select count(*) from ledger_line l join cloud_resource r on r.id = l.resource_id
                    where r.template_id = ? and l.type = 'DEBIT'""", Long.class, vm.id()))
                    .isEqualTo((long) n * spansEach);
            assertThat(jdbc.queryForObject("""
                    select count(*) from (select l.resource_id from ledger_line l
                        join cloud_resource r on r.id = l.resource_id
                        where r.template_id = ? and l.type = 'DEBIT' group by l.resource_id
                        having count(*) <> ? or min(l.span_start) <> ? or max(l.span_start) <> ?) wrong""",
                    Long.class, vm.id(), spansEach, ts(TestClock.START),
                    ts(TestClock.START.plus(SPAN.multipliedBy(spansEach - 1))))).isZero();
            var started = System.nanoTime();
            var mismatches = ledger.verifyBalances();
            System.out.printf(Locale.ROOT, "N = %,d: verifyBalances() = %s in %,d ms%n", n, mismatches,
                    (System.nanoTime() - started) / 1_000_000);
            assertThat(mismatches).isEmpty();
            return mismatches;
        }

        private void users(long[] ids, String kind, boolean groupAdmin, Timestamp at) {
            List<Object[]> rows = new ArrayList<>(ids.length);
            for (long id : ids) {
                rows.add(new Object[] {id, "bench-" + kind + "-" + id + "@bench.test", "Benchmark " + kind + " " + id,
                        groupAdmin, at});
            }
            jdbc.batchUpdate("""
                    insert into portal_user (id, version, email, display_name, enabled, system_admin, group_admin,
                        failed_sign_ins, password_change_required, created_at)
                    values (?, 0, ?, ?, true, false, ?, 0, false, ?)""", rows);
        }

        private static Object[] account(long id, String kind, long parent, String parentPath, int depth, String name,
                BigDecimal allocated, BigDecimal toChildren, Timestamp at) {
            return new Object[] {id, kind, parent, parentPath + id + "/", depth, name, allocated, toChildren, at};
        }

        private void insertAccounts(List<Object[]> rows) {
            jdbc.batchUpdate("""
                    insert into ledger_account (id, kind, parent_id, path, depth, name, unlimited, overcommit, allocated,
                        allocated_to_children, consumed, held, created_at)
                    values (?, ?, ?, ?, ?, ?, false, false, ?, ?, 0, 0, ?)""", rows);
        }

        private static Object[] allocation(long id, long account, long parent, BigDecimal amount, Timestamp at) {
            return new Object[] {id, account, parent, amount, at};
        }

        private void insertLines(List<Object[]> rows) {
            jdbc.batchUpdate("""
                    insert into ledger_line (id, account_id, counter_account_id, type, amount, at, actor, reason)
                    values (?, ?, ?, 'ALLOCATE', ?, ?, '%s', 'benchmark budget')""".formatted(SEEDER), rows);
        }

        /**
         * {@code count} ids of a sequence for rows written by hand: above the value taken now, with
         * the sequence moved past them, so Hibernate's pooled ids (before and after) never meet them.
         */
        private long[] reserve(String sequence, int count) {
            long taken = jdbc.queryForObject("select nextval('" + sequence + "')", Long.class);
            jdbc.queryForObject("select setval('" + sequence + "', ?)", Long.class, taken + count + 100);
            long[] ids = new long[count];
            for (int i = 0; i < count; i++) {
                ids[i] = taken + 1 + i;
            }
            return ids;
        }
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(BurnrateApplication.class, TestClockConfiguration.class)
                .profiles("test", "postgres")
                .run("--spring.datasource.url=" + SERVER + database, "--spring.datasource.username=" + USER,
                        "--spring.datasource.password=", "--server.port=0", "--portal.demo=false",
                        "--portal.metering.enabled=false", "--portal.admin.email=" + ADMIN,
                        "--portal.admin.password=a long benchmark password", "--spring.main.banner-mode=off");
    }

    private void createDatabase() throws SQLException {
        dropDatabase();
        try (Connection server = DriverManager.getConnection(SERVER + "postgres", USER, "");
                var statement = server.createStatement()) {
            statement.execute("create database " + database);
        }
    }

    private void dropDatabase() throws SQLException {
        try (Connection server = DriverManager.getConnection(SERVER + "postgres", USER, "");
                var statement = server.createStatement()) {
            statement.execute("drop database if exists " + database + " with (force)");
        }
    }
}
