package org.burnrate.metering;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Collectors;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.PriceList;
import org.burnrate.catalog.RateVersion;
import org.burnrate.catalog.TemplateDirectory;
import org.burnrate.catalog.TemplateView;
import org.burnrate.catalog.UnitValue;
import org.burnrate.ledger.Ledger;
import org.burnrate.ledger.SpanDebit;
import org.burnrate.ledger.SpanMemory;
import org.burnrate.provisioning.MeteringFeed;
import org.burnrate.provisioning.MeteringFeed.BillableResource;
import org.burnrate.provisioning.ResourceState;
import org.burnrate.provisioning.SpanMeter;
import org.burnrate.security.Roles;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Debits what resources owe. For each resource that may owe something, its confirmed history is
 * priced span by span ({@link SpanMeter}) up to now, the spans after the last one written are
 * written, and the rest is left alone: what is owed minus what exists, so a second run, a run on
 * another node, or a run after hours of downtime writes exactly what is missing. Resources are
 * handled in chunks that each commit on their own, taken by the account they are charged to so that
 * a chunk's resources share the accounts it locks and updates; a chunk that fails is retried one
 * resource at a time, and a resource that still fails is logged, counted and tried again next run.
 */
@Service
public class MeteringService {

    private static final Logger log = LoggerFactory.getLogger(MeteringService.class);
    /** The most span debits a chunk holds in memory before writing them. */
    private static final int LINES_PER_WRITE = 10_000;
    /** How much smaller than the others the first chunk of a run is. */
    private static final int FIRST_CHUNK_DIVISOR = 5;
    /**
     * The most resources per organization whose last span starts a node remembers between runs
     * (about 100 bytes each); of an organization with more, some are read from the database.
     */
    private static final int REMEMBERED_RESOURCES = 250_000;
    private static final ThreadFactory READ_AHEAD = Thread.ofPlatform().name("metering-read-ahead")
            .daemon().factory();
    private static final ThreadFactory LADDER = Thread.ofPlatform().name("metering-ladder").daemon().factory();

    private final MeteringFeed feed;
    private final Ledger ledger;
    private final TemplateDirectory templates;
    private final MeteringRunRepository runs;
    private final ExhaustionLadder ladder;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final int chunkSize;
    private final String node;
    /** The last spans this node's runs left, which serve while nobody else writes spans. */
    private final SpanMemory spanMemory = new SpanMemory(REMEMBERED_RESOURCES);

    MeteringService(MeteringFeed feed, Ledger ledger, TemplateDirectory templates,
            MeteringRunRepository runs, ExhaustionLadder ladder, PlatformTransactionManager transactions, Clock clock,
            @Value("${portal.metering.chunk-size:5000}") int chunkSize) {
        this.feed = feed;
        this.ledger = ledger;
        this.templates = templates;
        this.runs = runs;
        this.ladder = ladder;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
        this.chunkSize = chunkSize;
        this.node = nodeName();
    }

    /** Meters every resource up to now and answers what the run did. */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public MeteringRunView run(String trigger) {
        var started = System.nanoTime();
        var now = clock.instant();
        var run = transaction.execute(status -> runs.save(new MeteringRun(node, trigger, now, now)));
        var context = new RunContext(now);
        // While a chunk is priced and written, the next one is read on another connection: the reads
        // no longer wait for the writes. They were made outside the chunk's lock before, too. And
        // while a chunk is written, the ladder climbs after the chunk before, on a thread of its own
        // (one chunk after the other, as the signed-in system actor).
        try (var ahead = Executors.newSingleThreadExecutor(READ_AHEAD);
                var climbing = new DelegatingSecurityContextExecutorService(Executors.newSingleThreadExecutor(LADDER))) {
            context.ladderThread = climbing;
            var current = readAhead(MeteringFeed.Position.START, firstChunkSize());
            while (!current.chunk().ids().isEmpty()) {
                var position = current.chunk().next();
                var following = ahead.submit(() -> readAhead(position, chunkSize));
                meterEach(current.chunk().ids(), current, context);
                context.resources += current.chunk().ids().size();
                current = awaitReadAhead(following, position);
            }
            awaitClimbs(context);
            if (!context.stoppedForBudget.isEmpty()) {
                // A stop made at the run's instant begins a stopped period, and a template with a stopped
                // rate owes that period's first span from its start: metered again now, so that the run
                // leaves nothing owed up to now unwritten. Stopped, they meet no further stop.
                meterEach(List.copyOf(context.stoppedForBudget), null, context);
                awaitClimbs(context);
            }
        }
        var took = Duration.ofNanos(System.nanoTime() - started);
        var finished = transaction.execute(status -> {
            var saved = runs.findById(run.id()).orElseThrow();
            saved.finish(clock.instant(), took, context.resources, context.lines, context.errors,
                    context.stoppedForBudget.size(), context.lastError);
            return saved.view();
        });
        if (context.lines > 0 || context.errors > 0) {
            log.info("Metering run {}: {} resources, {} lines, {} errors in {} ms", finished.id(), context.resources,
                    context.lines, context.errors, took.toMillis());
        }
        return finished;
    }

    /** The lag and the last runs. */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    @Transactional(readOnly = true)
    public MeteringStatus status() {
        var lastFinished = runs.findFirstByFinishedAtIsNotNullOrderByMeteredUpToDesc();
        var lag = lastFinished.map(r -> Duration.between(r.view().meteredUpTo(), clock.instant())).orElse(null);
        return new MeteringStatus(lag, feed.unmetered(0, 100_000).size(),
                runs.findTop20ByOrderByStartedAtDescIdDesc().stream().map(MeteringRun::view).toList());
    }

    /** What one run reuses across chunks: the price list, the templates met, and its counters. */
    private final class RunContext {
        final Instant now;
        final Map<Long, TemplateView> templateById = new HashMap<>();
        final PriceList prices = templates.priceList();
        final List<BillableResource> metered = new ArrayList<>();
        /** What the next span of each metered time-billed resource costs, for the ladder. */
        final Map<Long, ConsumptionUnits> nextSpanCosts = new HashMap<>();
        final ExhaustionLadder.Climb climb = ladder.climb();
        /** The span epochs this run's chunks set, which do not make the spans read ahead stale. */
        final Ledger.SpanFence fence = new Ledger.SpanFence();
        /** The resources the ladder stopped or suspended in this run. */
        final List<Long> stoppedForBudget = new ArrayList<>();
        /** Where the ladder climbs, and its climbs not yet awaited, in chunk order. */
        @Nullable ExecutorService ladderThread;
        final List<Future<List<Long>>> climbs = new ArrayList<>();
        int resources;
        int lines;
        int errors;
        String lastError;

        RunContext(Instant now) {
            this.now = now;
        }

        @Nullable UnitValue unitValueAt(Instant at) {
            return prices.unitValueAt(at).orElse(null);
        }
    }

    /**
     * A chunk's ids, its resources and the last spans written for them, as read before the chunk's
     * lock is taken (each in a transaction of its own).
     */
    private record ReadAhead(MeteringFeed.Chunk chunk, Ledger.SpansReadAhead spans) {
    }

    private ReadAhead readAhead(MeteringFeed.Position after, int size) {
        var chunk = feed.unmeteredAfter(after, size);
        return new ReadAhead(chunk, ledger.readSpansAhead(
                chunk.resources().stream().map(BillableResource::accountId).collect(Collectors.toSet()), chunk.ids(),
                spanMemory));
    }

    /**
     * The first chunk is read before anything else can happen: a fifth of the others, so that the
     * run starts writing sooner and reads the second, full-size chunk while it writes the first.
     */
    private int firstChunkSize() {
        return Math.max(1, chunkSize / FIRST_CHUNK_DIVISOR);
    }

    /** The chunk read ahead; read here again when that failed, so the run goes on as if read in turn. */
    private ReadAhead awaitReadAhead(Future<ReadAhead> following, MeteringFeed.Position position) {
        try {
            return following.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The metering run was interrupted.", e);
        } catch (ExecutionException e) {
            log.warn("Reading the next chunk ahead failed; it is read again", e.getCause());
            return readAhead(position, chunkSize);
        }
    }

    /**
     * Meters {@code ids} in one transaction (with their resources as read ahead, when given) and
     * climbs the ladder after it; when that fails, each resource on its own, read again, so that one
     * bad resource does not hold back the rest.
     */
    private void meterEach(List<Long> ids, @Nullable ReadAhead readAhead, RunContext context) {
        try {
            context.lines += transaction.execute(status -> meterChunk(ids, readAhead, context));
            climbLadder(context);
        } catch (RuntimeException chunkFailure) {
            context.metered.clear();
            context.nextSpanCosts.clear();
            for (long id : ids) {
                try {
                    context.lines += transaction.execute(status -> meterChunk(List.of(id), null, context));
                    climbLadder(context);
                } catch (RuntimeException e) {
                    context.errors++;
                    context.lastError = "resource " + id + ": " + e.getMessage();
                    log.warn("Metering resource {} failed; it is retried next run", id, e);
                }
            }
        }
    }

    private int meterChunk(List<Long> ids, @Nullable ReadAhead readAhead, RunContext context) {
        var resources = readAhead != null ? readAhead.chunk().resources() : feed.load(ids);
        // Locked before the written spans are used: what another node writes for them waits for this chunk.
        // The spans read ahead serve unless someone else wrote spans since; then they are read again.
        var lock = ledger.lockForSpans(resources.stream().map(BillableResource::accountId).collect(Collectors.toSet()),
                ids, readAhead == null ? null : readAhead.spans(), context.fence, spanMemory);
        var lastWritten = lock.lastStarts();
        List<SpanDebit> debits = new ArrayList<>();
        List<BillableResource> done = new ArrayList<>();
        List<BillableResource> climbing = new ArrayList<>();
        Map<Long, Instant> rebillFrom = new HashMap<>();
        Set<Long> rebilledAccounts = new HashSet<>();
        List<SpanDebit> rebilled = new ArrayList<>();
        int written = 0;
        for (var resource : resources) {
            var pricing = context.prices.pricing(resource.templateId());
            var template = pricing.template();
            var rates = pricing.rates();
            context.templateById.putIfAbsent(template.id(), template);
            // A resource whose group ended owes what it owed up to the end, and nothing after.
            var until = SpanMeter.billedUntil(resource.billingEndsAt(), context.now);
            if (template.billing() == Billing.TIME) {
                var periods = SpanMeter.periods(resource.history());
                var runs = SpanMeter.owed(periods, rates, until);
                var last = lastWritten.get(resource.id());
                var changedFrom = resource.rebillFrom();
                if (last != null && changedFrom != null && !changedFrom.isAfter(last)) {
                    // A change confirmed after spans at or after its instant were charged (the provider
                    // reported it late): from that instant on, what is written is compared with what is
                    // owed. Priced as if now were past the last span written, so that a clock set back a
                    // little never takes for unowed what a running resource owes.
                    var horizon = last.isBefore(until) ? until : last.plusNanos(1);
                    var owedThen = horizon.equals(until) ? runs : SpanMeter.owed(periods, rates, horizon);
                    rebillFrom.put(resource.id(), changedFrom);
                    rebilledAccounts.add(resource.accountId());
                    owedSpans(resource, template, owedThen, changedFrom.minusNanos(1), context, rebilled);
                } else {
                    owedSpans(resource, template, runs, last, context, debits);
                }
                // For the ladder: the next span, priced at the rate version in force when it starts.
                RateVersion.inForceAt(rates, SpanMeter.nextSpanStart(runs, context.now)).ifPresent(
                        version -> context.nextSpanCosts.put(resource.id(), version.rate().minimumCharge()));
            }
            if (!until.equals(context.now) || owesNothingMore(resource, template, rates, context.now)) {
                done.add(resource);
            }
            if (until.equals(context.now)) {
                // A resource whose group ended is past the ladder: its accounts are closed.
                climbing.add(resource);
            }
            if (debits.size() >= LINES_PER_WRITE) {
                // A catch-up after long downtime owes many spans per resource: write as they come, in this transaction.
                written += ledger.debitSpans(debits, lock);
                debits.clear();
            }
        }
        written += ledger.debitSpans(debits, lock);
        written += ledger.rebillSpans(lock, rebillFrom, rebilledAccounts, rebilled, "Refund: the provider confirmed a change late");
        resources.forEach(resource -> resource.strayHolds().forEach(hold -> ledger.releaseHold(hold,
                "'" + resource.name() + "' was started twice in the same instant; one first span is charged")));
        feed.markRebilled(resources);
        feed.markMetered(done);
        context.metered.addAll(climbing);
        return written;
    }

    /**
     * After a chunk is committed: warnings, and stops for lack of budget (provider calls stay outside
     * transactions), on the ladder's thread while the next chunk is written. Each climb checks the
     * chunk's resources against the balances as it finds them, which the chunks after may have
     * charged further already: what is available then, less what the resources checked before will
     * burn next.
     */
    private void climbLadder(RunContext context) {
        var resources = List.copyOf(context.metered);
        var templatesMet = Map.copyOf(context.templateById);
        var nextSpanCosts = Map.copyOf(context.nextSpanCosts);
        context.metered.clear();
        context.nextSpanCosts.clear();
        context.climbs.add(Objects.requireNonNull(context.ladderThread).submit(() -> {
            try {
                return context.climb.apply(resources, templatesMet, nextSpanCosts);
            } catch (RuntimeException e) {
                log.warn("The exhaustion checks of {} resources failed; they are made again next run",
                        resources.size(), e);
                return List.<Long>of();
            }
        }));
    }

    /** Waits for the climbs under way and collects what they stopped. */
    private static void awaitClimbs(RunContext context) {
        for (var climb : context.climbs) {
            try {
                context.stoppedForBudget.addAll(climb.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("The metering run was interrupted.", e);
            } catch (ExecutionException e) {
                log.warn("An exhaustion check failed; it is made again next run", e.getCause());
            }
        }
        context.climbs.clear();
    }

    /**
     * The spans that start after {@code since} (all of them when it is null), each the difference of
     * its run's rounded running total.
     */
    private void owedSpans(BillableResource resource, TemplateView template, List<SpanMeter.Run> runs,
            @Nullable Instant since, RunContext context, List<SpanDebit> debits) {
        for (var run : runs) {
            long first = 0;
            if (since != null && !since.isBefore(run.start())) {
                first = Math.min(run.count(),
                        Duration.between(run.start(), since).toNanos() / run.spanLength().toNanos() + 1);
            }
            var before = run.owedAfter(first);
            for (long k = first; k < run.count(); k++) {
                var after = run.owedAfter(k + 1);
                var amount = after.minus(before);
                before = after;
                if (!amount.isPositive()) {
                    continue;
                }
                var spanStart = run.start().plus(run.spanLength().multipliedBy(k));
                var spanEnd = spanStart.plus(run.spanLength());
                var value = context.unitValueAt(spanStart);
                var hold = k == 0 && run.running() ? resource.holdsByRunStart().get(run.start()) : null;
                debits.add(new SpanDebit(resource.accountId(), resource.id(), amount, run.rate().id(), spanStart,
                        spanEnd, value == null ? null : value.valuePerUnit(),
                        value == null ? null : value.currency().getCurrencyCode(), hold,
                        "'" + resource.name() + "' (" + template.name() + ") " + (run.running() ? "running" : "stopped")
                                + ", span from " + spanStart));
            }
        }
    }

    /** A resource that is not running and burns nothing while stopped owes nothing after this run. */
    private static boolean owesNothingMore(BillableResource resource, TemplateView template, List<RateVersion> rates,
            Instant now) {
        if (resource.state() == ResourceState.RUNNING || resource.state() == ResourceState.REQUESTED
                || resource.state() == ResourceState.PROVISIONING) {
            return false;
        }
        if (resource.state() == ResourceState.STOPPED && template.billing() == Billing.TIME) {
            boolean stoppedRateNowOrLater = rates.stream().anyMatch(v -> v.rate().stoppedUnits().isPositive()
                    && (v.effectiveFrom().isAfter(now) || RateVersion.inForceAt(rates, now).orElse(v) == v));
            return !stoppedRateNowOrLater;
        }
        return true;
    }

    private static String nodeName() {
        try {
            return InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid();
        } catch (java.io.IOException e) {
            return "node/" + ProcessHandle.current().pid();
        }
    }

}
