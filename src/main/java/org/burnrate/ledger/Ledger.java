package org.burnrate.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.burnrate.security.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The ledger's operations. Each runs in one transaction, writes its journal lines and updates
 * the cached figures of every account concerned, having locked those accounts from the root down
 * (the organization first, then level by level in id order): concurrent operations queue at the
 * first account they share instead of deadlocking or overdrawing it. As every chain starts at the
 * organization, its row's lock is in effect the ledger's: the debit job's chunks and usage batches
 * take only that one and write through {@link LedgerBatch}, many lines at once. Usage batches, which
 * check no budget and only add to what accounts consumed, insert their lines before they take it.
 * <p>
 * This is a domain component, not an application service: the budget, provisioning and metering
 * services that call it decide who may do what; it guards the money rules.
 */
@Component
@Transactional(propagation = Propagation.REQUIRED)
public class Ledger {

    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T00:00:00Z");
    /** The figures {@link #verifyBalances()} recomputes, as indexes of its sums. */
    private static final int OWN = 0;
    private static final int TO_CHILDREN = 1;
    private static final int CONSUMED = 2;
    private static final int HELD = 3;

    private final LedgerAccountRepository accounts;
    private final LedgerLineRepository lines;
    private final EntityManager entityManager;
    private final LedgerBatch bulk;
    private final CurrentUser currentUser;
    private final Clock clock;

    Ledger(LedgerAccountRepository accounts, LedgerLineRepository lines, EntityManager entityManager,
            LedgerBatch bulk, CurrentUser currentUser, Clock clock) {
        this.accounts = accounts;
        this.lines = lines;
        this.entityManager = entityManager;
        this.bulk = bulk;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** The root: the organization pool, funded with {@code total}, or unlimited when it is null. */
    public long openOrganization(String name, @Nullable ConsumptionUnits total) {
        var root = accounts.save(new LedgerAccount(AccountKind.ORGANIZATION, null, name, total == null, false,
                clock.instant()));
        root.assignPath(null);
        if (total != null) {
            requireNotNegative(total);
            write(root, null, LineType.ALLOCATE, total, "Organization pool", null, null);
            root.receive(total);
        }
        return root.getId();
    }

    /**
     * Sets the organization pool's total, or makes it unlimited ({@code null}). A total below what
     * is already handed to group admins, or consumed and held, is refused.
     */
    public Balance setPoolTotal(long rootId, @Nullable ConsumptionUnits total, String reason) {
        var root = lockChain(rootId).getFirst();
        if (root.getParentId() != null) {
            throw new IllegalArgumentException("not the organization pool");
        }
        if (total == null) {
            root.setUnlimited(true);
            return root.balance();
        }
        requireNotNegative(total);
        var floor = root.getAllocatedToChildren().max(root.getConsumed().plus(root.getHeld()));
        if (floor.exceeds(total)) {
            throw new InvalidInputException("The organization pool cannot be smaller than the " + floor
                    + " units already handed to group admins or consumed.");
        }
        var delta = total.minus(root.getAllocated());
        if (delta.isPositive()) {
            write(root, null, LineType.ALLOCATE, delta, reason, null, null);
            root.receive(delta);
        } else if (delta.isNegative()) {
            write(root, null, LineType.RECLAIM, delta.negate(), reason, null, null);
            root.giveBack(delta.negate());
        }
        root.setUnlimited(false);
        return root.balance();
    }

    /** A new, empty account under {@code parentId}; budgets reach it by {@link #allocate}. */
    public long openAccount(AccountKind kind, long parentId, String name, boolean overcommit) {
        var parent = accounts.findById(parentId).orElseThrow(() -> unknown(parentId));
        if (parent.isClosed()) {
            throw new InvalidInputException("The " + parent.getKind().label() + " '" + parent.getName() + "' is closed.");
        }
        if (kind.ordinal() != parent.getKind().ordinal() + 1) {
            throw new IllegalArgumentException(kind + " cannot sit under " + parent.getKind());
        }
        var account = accounts.save(new LedgerAccount(kind, parent, name, false, overcommit, clock.instant()));
        account.assignPath(parent);
        return account.getId();
    }

    /** Marks an account as overcommitted (or not): its children may then be promised more than it holds. */
    public void setOvercommit(long accountId, boolean overcommit) {
        lockChain(accountId).getLast().setOvercommit(overcommit);
    }

    /**
     * Hands {@code amount} from the account's parent to the account. Refused when the parent has
     * not that much left to hand out, unless the parent is overcommitted or unlimited.
     */
    public Balance allocate(long accountId, ConsumptionUnits amount, String reason, @Nullable String idempotencyKey) {
        requirePositive(amount);
        if (alreadyWritten(idempotencyKey)) {
            return balance(accountId);
        }
        var chain = lockChain(accountId);
        var account = chain.getLast();
        var parent = parentIn(chain);
        requireOpen(account);
        var unallocated = parent.unallocated();
        if (!parent.isOvercommit() && unallocated != null && amount.exceeds(unallocated)) {
            throw new BudgetExceededException(parent.getKind(), parent.getId(), "The " + parent.getKind().label()
                    + " '" + parent.getName() + "' has " + unallocated + " units left to allocate; this needs " + amount
                    + " (short by " + amount.minus(unallocated) + ").", amount.minus(unallocated));
        }
        write(account, parent.getId(), LineType.ALLOCATE, amount, reason, idempotencyKey, null);
        account.receive(amount);
        parent.handOut(amount);
        return account.balance();
    }

    /**
     * Gives {@code amount} of the account's allocation back to its parent. Never below what is
     * consumed plus held, nor below what the account has handed to its own children.
     */
    public Balance reduce(long accountId, ConsumptionUnits amount, String reason, @Nullable String idempotencyKey) {
        requirePositive(amount);
        if (alreadyWritten(idempotencyKey)) {
            return balance(accountId);
        }
        var chain = lockChain(accountId);
        var account = chain.getLast();
        var parent = parentIn(chain);
        requireOpen(account);
        var floor = account.getConsumed().plus(account.getHeld());
        if (!account.isOvercommit()) {
            floor = floor.max(account.getAllocatedToChildren());
        }
        var reducible = account.getAllocated().minus(floor).max(ConsumptionUnits.ZERO);
        if (amount.exceeds(reducible)) {
            throw new InvalidInputException("The " + account.getKind().label() + " '" + account.getName()
                    + "' can be reduced by at most " + reducible + " units: " + account.getConsumed() + " are consumed, "
                    + account.getHeld() + " held and " + account.getAllocatedToChildren() + " allocated further.");
        }
        write(account, parent.getId(), LineType.RECLAIM, amount, reason, idempotencyKey, null);
        account.giveBack(amount);
        parent.takeBack(amount);
        return account.balance();
    }

    /**
     * Closes the account and everything under it, returning to each parent only the unused
     * remainder (allocation minus consumption); what was consumed stays consumed. Refused while
     * anything below holds units for a running resource.
     *
     * @return the units returned to the account's parent
     */
    public ConsumptionUnits reclaimUnused(long accountId, LineType type, String reason) {
        if (type != LineType.RECLAIM && type != LineType.EXPIRY) {
            throw new IllegalArgumentException("reclaim as RECLAIM or EXPIRY");
        }
        var chain = lockChain(accountId);
        var account = chain.getLast();
        if (account.getParentId() == null) {
            throw new InvalidInputException("The organization pool cannot be reclaimed.");
        }
        if (account.getHeld().isPositive()) {
            throw new InvalidInputException("The " + account.getKind().label() + " '" + account.getName() + "' holds "
                    + account.getHeld() + " units for running resources; stop them first.");
        }
        return closeSubtree(account, type, reason);
    }

    private ConsumptionUnits closeSubtree(LedgerAccount account, LineType type, String reason) {
        for (long childId : accounts.findOpenChildIds(account.getId())) {
            closeSubtree(lock(childId), type, reason);
        }
        var parent = lock(account.getParentId());
        // Children have given back what they did not use; what remains unused here goes up.
        var unused = account.getAllocated().minus(account.getConsumed()).max(ConsumptionUnits.ZERO);
        if (unused.isPositive()) {
            write(account, parent.getId(), type, unused, reason, null, null);
            account.giveBack(unused);
            parent.takeBack(unused);
        }
        account.close(clock.instant());
        return unused;
    }

    /**
     * Sets {@code amount} aside on a leaf for a minimum span, counted at every level. Refused,
     * naming the first level that cannot cover it, when any level would go beyond its allocation.
     *
     * @return the id of the HOLD line, to convert or release later
     */
    public long hold(long leafId, ConsumptionUnits amount, String reason, @Nullable String idempotencyKey) {
        return writeAtEveryLevel(leafId, LineType.HOLD, amount, reason, idempotencyKey, null);
    }

    /**
     * A hold for a resource, as {@link #hold} places it, naming the resource, so that the hold and
     * its release or conversion are among the resource's lines.
     */
    public long holdFor(long resourceId, long leafId, ConsumptionUnits amount, String reason) {
        return writeAtEveryLevel(leafId, LineType.HOLD, amount, reason, null, resourceId);
    }

    /**
     * Locks the account's chain, root first, until the transaction ends, as every write to it does:
     * what the caller checks meanwhile (how many resources a member holds) cannot change under it.
     */
    public void lockChainOf(long leafId) {
        lockChain(leafId);
    }

    /** Frees a hold at every level. Releasing twice changes nothing. */
    public void releaseHold(long holdLineId, String reason) {
        var hold = loadHold(holdLineId);
        var chain = lockChain(hold.getAccountId());
        if (isSettled(holdLineId)) {
            return;
        }
        write(chain.getLast(), null, LineType.RELEASE, hold.getAmount(), reason, null, holdLineId, hold.getResourceId());
        chain.forEach(level -> level.hold(hold.getAmount().negate()));
    }

    /**
     * Turns a hold into consumption: the hold is released and {@code amount} debited, at every level,
     * in one step. A debit larger than the hold must fit in what is available beyond it.
     *
     * @return the id of the DEBIT line
     */
    public long convertHold(long holdLineId, ConsumptionUnits amount, String reason, @Nullable String idempotencyKey) {
        requireNotNegative(amount);
        var existing = existingLine(idempotencyKey);
        if (existing.isPresent()) {
            return existing.get().getId();
        }
        var hold = loadHold(holdLineId);
        var chain = lockChain(hold.getAccountId());
        if (isSettled(holdLineId)) {
            throw new InvalidInputException("Hold " + holdLineId + " was already released or converted.");
        }
        if (amount.exceeds(hold.getAmount())) {
            requireCapacity(chain, amount.minus(hold.getAmount()));
        }
        write(chain.getLast(), null, LineType.RELEASE, hold.getAmount(), reason, null, holdLineId);
        var debit = write(chain.getLast(), null, LineType.DEBIT, amount, reason, idempotencyKey, holdLineId);
        chain.forEach(level -> {
            level.hold(hold.getAmount().negate());
            level.consume(amount);
        });
        return debit.getId();
    }

    /**
     * Debits consumption on a leaf, counted against it and every level above in one transaction.
     * Refused, naming the level, when any level would go beyond its allocation.
     *
     * @return the id of the DEBIT line (the existing one when the idempotency key was seen before)
     */
    public long charge(long leafId, ConsumptionUnits amount, String reason, @Nullable String idempotencyKey) {
        return writeAtEveryLevel(leafId, LineType.DEBIT, amount, reason, idempotencyKey, null);
    }

    /**
     * Gives back consumption of a debit: a REFUND line that points at it, counted at every level.
     * Refunds of one debit never add up to more than the debit.
     *
     * @return the id of the REFUND line
     */
    public long refund(long debitLineId, ConsumptionUnits amount, String reason, @Nullable String idempotencyKey) {
        requirePositive(amount);
        var existing = existingLine(idempotencyKey);
        if (existing.isPresent()) {
            return existing.get().getId();
        }
        var debit = lines.findById(debitLineId).filter(line -> line.getType() == LineType.DEBIT)
                .orElseThrow(() -> new NotFoundException("There is no debit with id " + debitLineId + "."));
        var chain = lockChain(debit.getAccountId());
        var refundable = debit.getAmount().minus(lines.sumCorrections(debitLineId, LineType.REFUND));
        if (amount.exceeds(refundable)) {
            throw new InvalidInputException("At most " + refundable + " units of debit " + debitLineId
                    + " can still be refunded; this asks for " + amount + ".");
        }
        var line = lines.save(new LedgerLine(debit.getAccountId(), null, LineType.REFUND, amount, clock.instant(),
                currentUser.actorName(), reason, idempotencyKey, null, debitLineId));
        chain.forEach(level -> level.consume(amount.negate()));
        return line.getId();
    }

    /**
     * Adds consumption that was missed (an ADJUSTMENT line, optionally pointing at the line it
     * corrects), counted at every level. A correction is not refused for lack of budget: it records
     * what was used; the exhaustion rules deal with the consequences.
     *
     * @return the id of the ADJUSTMENT line
     */
    public long adjust(long leafId, ConsumptionUnits amount, @Nullable Long correctsLineId, String reason,
            @Nullable String idempotencyKey) {
        requirePositive(amount);
        var existing = existingLine(idempotencyKey);
        if (existing.isPresent()) {
            return existing.get().getId();
        }
        if (correctsLineId != null && !lines.existsById(correctsLineId)) {
            throw new NotFoundException("There is no ledger line with id " + correctsLineId + ".");
        }
        var chain = lockChain(leafId);
        requireOpen(chain.getLast());
        var line = lines.save(new LedgerLine(leafId, null, LineType.ADJUSTMENT, amount, clock.instant(),
                currentUser.actorName(), reason, idempotencyKey, null, correctsLineId));
        chain.forEach(level -> level.consume(amount));
        return line.getId();
    }

    /** A HOLD or DEBIT on a leaf, checked against and counted at every level, written once per key. */
    private long writeAtEveryLevel(long leafId, LineType type, ConsumptionUnits amount, String reason,
            @Nullable String idempotencyKey, @Nullable Long resourceId) {
        requirePositive(amount);
        var existing = existingLine(idempotencyKey);
        if (existing.isPresent()) {
            return existing.get().getId();
        }
        var chain = lockChain(leafId);
        requireCapacity(chain, amount);
        var line = write(chain.getLast(), null, type, amount, reason, idempotencyKey, null, resourceId);
        chain.forEach(level -> {
            if (type == LineType.HOLD) {
                level.hold(amount);
            } else {
                level.consume(amount);
            }
        });
        return line.getId();
    }

    /**
     * The account's lines, newest first, optionally only of some types and within [from, to).
     * Callers check that the reader may see the account.
     */
    @Transactional(readOnly = true)
    public Page<LedgerLineView> lines(long accountId, Set<LineType> types, @Nullable Instant from,
            @Nullable Instant to, Pageable pageable) {
        if (!accounts.existsById(accountId)) {
            throw unknown(accountId);
        }
        return lines.findForAccount(accountId, types.isEmpty(), types.isEmpty() ? Set.of(LineType.DEBIT) : types,
                from == null ? Instant.EPOCH : from, to == null ? FAR_FUTURE : to, pageable).map(LedgerLineView::of);
    }

    /** Several accounts' positions in one query. */
    @Transactional(readOnly = true)
    public Map<Long, Balance> balances(Collection<Long> accountIds) {
        return bulk.balances(accountIds);
    }

    @Transactional(readOnly = true)
    public Balance balance(long accountId) {
        return accounts.findById(accountId).map(LedgerAccount::balance).orElseThrow(() -> unknown(accountId));
    }

    /**
     * Recomputes every account's figures from the journal lines and lists the accounts whose cached
     * figures differ. Empty means the ledger is consistent. The lines are summed in one pass, per
     * account, counter-account and type; an account's consumption and holds are then those of the
     * accounts on or below it (by path), so the work grows with the lines and accounts, not with
     * their product.
     */
    @Transactional(readOnly = true)
    public List<String> verifyBalances() {
        return verify(entityManager.createNativeQuery("""
                select account_id, counter_account_id, type, sum(amount)
                from ledger_line group by account_id, counter_account_id, type
                """).getResultList(), accounts.findAll());
    }

    /**
     * As {@link #verifyBalances()}, for the accounts at and below {@code accountId} only (a group
     * admin's budget and its groups, say). Every figure of such an account comes from lines of that
     * subtree alone, so the check is exact for them and costs what the subtree holds, not the ledger.
     */
    @Transactional(readOnly = true)
    public List<String> verifyBalancesBelow(long accountId) {
        String path = accounts.findPath(accountId).orElseThrow(() -> unknown(accountId));
        var subtree = entityManager.createQuery("select a from LedgerAccount a where a.path like ?1", LedgerAccount.class)
                .setParameter(1, path + "%").getResultList();
        return verify(bulk.lineSums(subtree.stream().map(LedgerAccount::getId).toList()), subtree);
    }

    private List<String> verify(List<?> lineSums, List<LedgerAccount> all) {
        Map<Long, BigDecimal[]> sums = new HashMap<>();
        for (var row : lineSums) {
            var columns = (Object[]) row;
            long accountId = ((Number) columns[0]).longValue();
            var counterId = columns[1] == null ? null : ((Number) columns[1]).longValue();
            var amount = new BigDecimal(columns[3].toString());
            switch (LineType.valueOf(columns[2].toString())) {
                case ALLOCATE -> {
                    add(sums, accountId, OWN, amount);
                    if (counterId != null) {
                        add(sums, counterId, TO_CHILDREN, amount);
                    }
                }
                case RECLAIM, EXPIRY -> {
                    add(sums, accountId, OWN, amount.negate());
                    if (counterId != null) {
                        add(sums, counterId, TO_CHILDREN, amount.negate());
                    }
                }
                case DEBIT, ADJUSTMENT -> add(sums, accountId, CONSUMED, amount);
                case REFUND -> add(sums, accountId, CONSUMED, amount.negate());
                case HOLD -> add(sums, accountId, HELD, amount);
                case RELEASE -> add(sums, accountId, HELD, amount.negate());
            }
        }
        Map<Long, BigDecimal[]> figures = new HashMap<>();
        for (var account : all) {
            var own = sums.getOrDefault(account.getId(), new BigDecimal[4]);
            add(figures, account.getId(), OWN, own[OWN]);
            add(figures, account.getId(), TO_CHILDREN, own[TO_CHILDREN]);
            // Consumption and holds count at the account and at every level above it.
            for (long level : LedgerBatch.chainOf(account.getPath())) {
                add(figures, level, CONSUMED, own[CONSUMED]);
                add(figures, level, HELD, own[HELD]);
            }
        }
        List<String> mismatches = new ArrayList<>();
        for (var account : all) {
            var recomputed = Arrays.stream(figures.get(account.getId()))
                    .map(sum -> ConsumptionUnits.rounded(sum == null ? BigDecimal.ZERO : sum)).toList();
            var cached = account.balance();
            if (!recomputed.equals(List.of(cached.allocated(), cached.allocatedToChildren(), cached.consumed(),
                    cached.held()))) {
                mismatches.add("account " + account.getId() + " (" + account.getName() + "): cached " + cached
                        + ", lines say allocated/toChildren/consumed/held = " + recomputed);
            }
        }
        return mismatches;
    }

    private static void add(Map<Long, BigDecimal[]> sums, long accountId, int figure,
            @Nullable BigDecimal amount) {
        var figures = sums.computeIfAbsent(accountId, id -> new BigDecimal[4]);
        if (amount != null) {
            figures[figure] = figures[figure] == null ? amount : figures[figure].add(amount);
        }
    }

    /**
     * What {@link #lockForSpans} read under the lock it took, or knows to be as good: per resource,
     * the start of the last span written. It serves the transaction that took it, which holds the
     * lock until it ends, so no other run or node can write these resources' spans meanwhile.
     */
    public static final class SpanLock {

        private final Object transaction;
        private final Map<Long, List<Long>> chains;
        private final Set<Long> resourceIds;
        private final Map<Long, Instant> lastStarts;
        /** Resources whose spans this transaction wrote without {@link #lastStarts} keeping count. */
        private final Set<Long> unsure = new HashSet<>();

        private SpanLock(Object transaction, Map<Long, List<Long>> chains, Collection<Long> resourceIds,
                Map<Long, Instant> lastStarts) {
            this.transaction = transaction;
            this.chains = chains;
            this.resourceIds = Set.copyOf(resourceIds);
            this.lastStarts = new HashMap<>(lastStarts);
        }

        /** The start of the last span written for each resource that has one, as of the lock. */
        public Map<Long, Instant> lastStarts() {
            return Collections.unmodifiableMap(lastStarts);
        }
    }

    /**
     * The last spans written for some resources, read before their lock is taken (by a debit run,
     * on another connection, while it writes the chunk before), with the span epochs of their
     * organizations, read before the spans: {@link #lockForSpans} uses the spans instead of reading
     * them again when no transaction but the run's own wrote spans under those organizations since.
     */
    public static final class SpansReadAhead {

        private final Set<Long> resourceIds;
        private final Map<Long, Long> epochs;
        private final Map<Long, Instant> lastStarts;

        private SpansReadAhead(Set<Long> resourceIds, Map<Long, Long> epochs, Map<Long, Instant> lastStarts) {
            this.resourceIds = resourceIds;
            this.epochs = epochs;
            this.lastStarts = lastStarts;
        }
    }

    /**
     * The span epochs that one run's own committed transactions gave their organizations: what
     * tells {@link #lockForSpans} that an epoch moved on because of the run itself (it wrote the
     * chunk before, other resources), not because someone else wrote spans. Safe to share between
     * the run's threads.
     */
    public static final class SpanFence {

        private final Map<Long, Set<Long>> own = new ConcurrentHashMap<>();

        private void committed(long root, long epoch) {
            own.computeIfAbsent(root, id -> ConcurrentHashMap.newKeySet()).add(epoch);
        }

        /** Whether every epoch after {@code seen} up to {@code now} was the run's own. */
        private boolean onlyOwnSince(long root, long seen, long now) {
            var mine = own.getOrDefault(root, Set.of());
            for (long epoch = seen + 1; epoch <= now; epoch++) {
                if (!mine.contains(epoch)) {
                    return false;
                }
            }
            return now >= seen;
        }
    }

    /**
     * For a chunk about to be metered: the span epochs of its accounts' organizations, then (in a
     * statement after, so that it sees at least what was committed up to those epochs) the start of
     * the last span written for each resource. Not locked, and made on the caller's own connection.
     */
    @Transactional(readOnly = true)
    public SpansReadAhead readSpansAhead(Collection<Long> leafAccountIds, Collection<Long> resourceIds) {
        return readSpansAhead(leafAccountIds, resourceIds, null);
    }

    /**
     * {@link #readSpansAhead(Collection, Collection)}, taking from {@code memory} the starts it holds
     * as of the epoch just read, when the chunk lies under one organization; only the others are
     * read from the database.
     */
    @Transactional(readOnly = true)
    public SpansReadAhead readSpansAhead(Collection<Long> leafAccountIds, Collection<Long> resourceIds,
            @Nullable SpanMemory memory) {
        // An unknown account is left out here: the chunk's lock refuses it, as it would without this read.
        var roots = bulk.chains(leafAccountIds).values().stream().map(List::getFirst).collect(Collectors.toSet());
        var epochs = bulk.spanEpochs(roots);
        if (resourceIds.isEmpty()) {
            return new SpansReadAhead(Set.of(), epochs, Map.of());
        }
        Map<Long, Instant> lastStarts = new HashMap<>();
        Collection<Long> unknown = resourceIds;
        if (memory != null && epochs.size() == 1) {
            var root = epochs.entrySet().iterator().next();
            unknown = new ArrayList<>();
            lastStarts.putAll(memory.recall(root.getKey(), root.getValue(), resourceIds, unknown));
        }
        if (!unknown.isEmpty()) {
            lastStarts.putAll(bulk.lastSpanStarts(unknown));
        }
        return new SpansReadAhead(Set.copyOf(resourceIds), epochs, lastStarts);
    }

    /**
     * Locks the chains of the accounts given (the organization first, as every write does) and then
     * reads, under that lock, the start of the last span written for each resource: one step in the
     * (resource, span start) index per resource, however many lines exist. What another run or node
     * wrote before is committed and seen; nothing can be written for these resources' accounts
     * until this transaction ends.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public SpanLock lockForSpans(Collection<Long> leafAccountIds, Collection<Long> resourceIds) {
        return lockForSpans(leafAccountIds, resourceIds, null, new SpanFence());
    }

    /**
     * {@link #lockForSpans(Collection, Collection)}, reading the last spans again only when they
     * were not read ahead, or when, since they were, anyone but this run (its transactions recorded
     * in {@code fence}) took an organization's lock to write spans: every such transaction adds one
     * to the organization's span epoch under the lock, this one too. Spans read ahead can only lag
     * behind, never run ahead, and the (resource, span start, revision) key refuses a span written
     * twice, so even a wrong judgment here could not charge a span twice: it would fail the chunk.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public SpanLock lockForSpans(Collection<Long> leafAccountIds, Collection<Long> resourceIds,
            @Nullable SpansReadAhead ahead, SpanFence fence) {
        return lockForSpans(leafAccountIds, resourceIds, ahead, fence, null);
    }

    /**
     * {@link #lockForSpans(Collection, Collection, SpansReadAhead, SpanFence)}; once the transaction
     * has committed, {@code memory} remembers the last span starts it left, when it lay under one
     * organization.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public SpanLock lockForSpans(Collection<Long> leafAccountIds, Collection<Long> resourceIds,
            @Nullable SpansReadAhead ahead, SpanFence fence, @Nullable SpanMemory memory) {
        if (leafAccountIds.isEmpty()) {
            return new SpanLock(transaction(), Map.of(), resourceIds, resourceIds.isEmpty() ? Map.of()
                    : bulk.lastSpanStarts(resourceIds));
        }
        var chains = chainsOf(new HashSet<>(leafAccountIds));
        var roots = rootsOf(chains);
        var epochs = bulk.lockRootsForSpans(roots);
        boolean readAheadHolds = ahead != null && ahead.resourceIds.containsAll(resourceIds)
                && roots.stream().allMatch(root -> ahead.epochs.containsKey(root)
                        && fence.onlyOwnSince(root, ahead.epochs.get(root), epochs.get(root)));
        Map<Long, Instant> lastStarts = resourceIds.isEmpty() ? Map.of()
                : readAheadHolds ? ahead.lastStarts : bulk.lastSpanStarts(resourceIds);
        bulk.advanceSpanEpochs(roots);
        var lock = new SpanLock(transaction(), chains, resourceIds, lastStarts);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                epochs.forEach((root, epoch) -> fence.committed(root, epoch + 1));
                if (memory != null && epochs.size() == 1) {
                    var root = epochs.entrySet().iterator().next();
                    memory.remember(root.getKey(), root.getValue(), lock.resourceIds, lock.lastStarts, lock.unsure);
                }
            }
        });
        return lock;
    }

    /**
     * Writes span debits in the transaction that took {@code lock}: a span at or before its
     * resource's last written one (by an earlier run or another node, read under the lock) is
     * skipped, without reading again; a first span converts its run's hold; each account's figures
     * change once, by the total for it. A debit is not refused for lack of budget: the resource ran,
     * so the consumption happened; the exhaustion rules stop what would run on without budget.
     *
     * @return the number of DEBIT lines written
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int debitSpans(List<SpanDebit> debits, SpanLock lock) {
        if (debits.isEmpty()) {
            return 0;
        }
        if (lock.transaction != transaction()) {
            throw new IllegalStateException("A span lock serves only the transaction that took it.");
        }
        List<SpanDebit> fresh = new ArrayList<>(debits.size());
        Set<SpanAt> seen = new HashSet<>();
        for (var debit : debits) {
            if (!lock.chains.containsKey(debit.leafAccountId())) {
                throw new IllegalStateException("Account " + debit.leafAccountId() + " is not under the span lock.");
            }
            if (!lock.resourceIds.contains(debit.resourceId())) {
                lock.unsure.add(debit.resourceId());
            }
            var last = lock.lastStarts.get(debit.resourceId());
            if ((last == null || debit.spanStart().isAfter(last))
                    && seen.add(new SpanAt(debit.resourceId(), debit.spanStart()))) {
                fresh.add(debit);
            }
        }
        Map<Long, LedgerBatch.Change> changes = new HashMap<>();
        List<LedgerLine> batch = new ArrayList<>();
        addDebits(fresh, lock.chains, debit -> 0, changes, batch);
        bulk.insert(batch);
        bulk.change(changes);
        // Written now: a later call under the same lock skips them too.
        fresh.forEach(debit -> lock.lastStarts.merge(debit.resourceId(), debit.spanStart(),
                (a, b) -> a.isAfter(b) ? a : b));
        return fresh.size();
    }

    /** What stands for the current transaction, which a span lock belongs to. */
    private Object transaction() {
        return bulk.transactionKey();
    }

    /**
     * Puts right the span debits of resources whose confirmed history changed behind spans already
     * written (a stop or a start the provider confirmed late). Per resource, from the instant of its
     * earliest such change on, what is written and not refunded is compared with what is owed: a
     * written debit that is not owed (no span owed at its start, or one of another end, rate version
     * or amount) gets one REFUND line pointing at it, counted at every level; an owed span that is not
     * written is debited, under the next revision of its span when an earlier debit of it was
     * refunded. Debits that match stay as they are, so a re-run, or another node, finds nothing to do.
     *
     * @param lock the span lock this transaction took for these resources
     * @param fromByResource per resource, the instant its history changed from
     * @param leafAccountIds the accounts these resources are charged to
     * @param owed every span these resources owe from their instant on
     * @return how many lines were written: refunds and debits
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public int rebillSpans(SpanLock lock, Map<Long, Instant> fromByResource, Collection<Long> leafAccountIds,
            List<SpanDebit> owed, String refundReason) {
        if (fromByResource.isEmpty()) {
            return 0;
        }
        if (lock.transaction != transaction()) {
            throw new IllegalStateException("A span lock serves only the transaction that took it.");
        }
        // What a rebill leaves as a resource's last span is not counted here: it is read again next time.
        lock.unsure.addAll(fromByResource.keySet());
        owed.forEach(debit -> lock.unsure.add(debit.resourceId()));
        Set<Long> leaves = new HashSet<>(leafAccountIds);
        owed.forEach(debit -> leaves.add(debit.leafAccountId()));
        var chains = lockChains(leaves);
        // Read under the locks: what another node wrote meanwhile is seen now.
        var written = bulk.spanDebitsFrom(fromByResource);
        var elsewhere = written.stream().map(LedgerBatch.WrittenSpan::accountId).filter(id -> !chains.containsKey(id))
                .collect(Collectors.toSet());
        if (!elsewhere.isEmpty()) {
            // Lines on an account the resource is no longer charged to: their chains share the locked root.
            var roots = rootsOf(chains);
            bulk.chains(elsewhere).forEach((id, chain) -> {
                if (!roots.contains(chain.getFirst())) {
                    throw new IllegalStateException("account " + id + " is outside the locked organization");
                }
                chains.put(id, chain);
            });
        }
        Map<String, Integer> unmatched = new HashMap<>();
        owed.forEach(debit -> unmatched.merge(spanKey(debit.resourceId(), debit.spanStart(), debit.spanEnd(),
                debit.rateVersionId(), debit.amount()), 1, Integer::sum));
        Map<SpanAt, Integer> nextRevision = new HashMap<>();
        List<LedgerBatch.WrittenSpan> unowed = new ArrayList<>();
        for (var line : written) {
            nextRevision.merge(new SpanAt(line.resourceId(), line.spanStart()), line.revision() + 1, Math::max);
            if (line.refunded()) {
                continue;
            }
            if (!take(unmatched, spanKey(line.resourceId(), line.spanStart(), line.spanEnd(), line.rateVersionId(),
                    line.amount()))) {
                unowed.add(line);
            }
        }
        var missing = owed.stream().filter(debit -> take(unmatched, spanKey(debit.resourceId(), debit.spanStart(),
                debit.spanEnd(), debit.rateVersionId(), debit.amount()))).toList();
        if (unowed.isEmpty() && missing.isEmpty()) {
            return 0;
        }
        var now = clock.instant();
        String actor = currentUser.actorName();
        Map<Long, LedgerBatch.Change> changes = new HashMap<>();
        List<LedgerLine> batch = new ArrayList<>();
        for (var line : unowed) {
            var chain = chains.get(line.accountId());
            batch.add(new LedgerLine(line.accountId(), null, LineType.REFUND, line.amount(), now, actor,
                    refundReason + " (span from " + line.spanStart() + " was charged before the change was confirmed)",
                    "refund-span:" + line.id(), null, line.id()).about(line.resourceId()));
            var change = new LedgerBatch.Change(line.amount().negate(), ConsumptionUnits.ZERO);
            chain.forEach(id -> changes.merge(id, change, LedgerBatch.Change::plus));
        }
        addDebits(missing, chains, debit -> nextRevision.getOrDefault(new SpanAt(debit.resourceId(), debit.spanStart()), 0),
                changes, batch);
        bulk.insert(batch);
        bulk.change(changes);
        return unowed.size() + missing.size();
    }

    /** A resource's span by its start, as the (resource, span start) key tells spans apart. */
    private record SpanAt(long resourceId, Instant start) {
    }

    private static String spanKey(long resourceId, Instant start, @Nullable Instant end, @Nullable Long rateVersionId,
            ConsumptionUnits amount) {
        return resourceId + "@" + start + "-" + end + "/" + rateVersionId + ":" + amount;
    }

    /** Takes one of {@code key} from the counts, answering whether there was one. */
    private static boolean take(Map<String, Integer> counts, String key) {
        var left = counts.getOrDefault(key, 0);
        if (left == 0) {
            return false;
        }
        counts.put(key, left - 1);
        return true;
    }

    /**
     * The lines of span debits, each on its leaf account: a first span converts its run's hold unless
     * that hold is settled already (the RELEASE line comes first); each level's change is added up.
     */
    private void addDebits(List<SpanDebit> debits, Map<Long, List<Long>> chains,
            java.util.function.ToIntFunction<SpanDebit> revision, Map<Long, LedgerBatch.Change> changes,
            List<LedgerLine> batch) {
        if (debits.isEmpty()) {
            return;
        }
        var holdIds = debits.stream().map(SpanDebit::convertsHoldLineId).filter(Objects::nonNull).toList();
        Set<Long> settled = new HashSet<>(holdIds.isEmpty() ? List.of() : lines.settledHolds(holdIds));
        Map<Long, ConsumptionUnits> holdAmounts = new HashMap<>();
        if (!holdIds.isEmpty()) {
            lines.holdAmounts(holdIds).forEach(row -> holdAmounts.put((Long) row[0], (ConsumptionUnits) row[1]));
        }
        var now = clock.instant();
        String actor = currentUser.actorName();
        for (var debit : debits) {
            var chain = chains.get(debit.leafAccountId());
            Long hold = debit.convertsHoldLineId();
            var released = ConsumptionUnits.ZERO;
            if (hold != null && settled.add(hold)) {
                released = holdAmounts.get(hold);
                if (released == null) {
                    throw new NotFoundException("There is no hold with id " + hold + ".");
                }
                batch.add(new LedgerLine(debit.leafAccountId(), null, LineType.RELEASE, released, now, actor,
                        debit.reason(), null, hold, null).about(debit.resourceId()));
            } else {
                hold = null;
            }
            int spanRevision = revision.applyAsInt(debit);
            var line = new LedgerLine(debit.leafAccountId(), null, LineType.DEBIT, debit.amount(), now, actor,
                    debit.reason(), null, hold, null).explainedBy(debit);
            batch.add(spanRevision == 0 ? line : line.revision(spanRevision));
            var change = new LedgerBatch.Change(debit.amount(), released.negate());
            chain.forEach(id -> changes.merge(id, change, LedgerBatch.Change::plus));
        }
    }

    /**
     * Charges a batch of reported operations (usage of per-operation resources), each once: an
     * event whose idempotency key was seen before is answered with its existing line and charged
     * no more. Like span debits, usage is recorded even beyond a budget: it happened.
     * <p>
     * The keys are looked up, the line ids drawn and the lines inserted before the organization's
     * lock is taken, so that the lock is held only to add the batch's changes to the accounts and
     * commit: concurrent batches insert side by side instead of one after the other. An event whose
     * key another transaction writes meanwhile waits at the key's unique index for that
     * transaction, then fails the insert ({@link org.springframework.dao.DuplicateKeyException}) and
     * changes nothing; the caller sends the batch again, which then answers it as a repeat. The
     * lines go in in key order, so two batches that share keys wait for each other at the first key
     * they share and never deadlock. Nothing else needs the lock for them: the lines are no span
     * debits, and the accounts change, under the lock, in the same commit as the lines appear.
     *
     * @return per event, in order, the DEBIT line id and whether it was written now (false: a repeat)
     */
    public List<UsageOutcome> chargeUsage(List<UsageDebit> usage) {
        if (usage.isEmpty()) {
            return List.of();
        }
        var chains = chainsOf(usage.stream().map(UsageDebit::leafAccountId).collect(Collectors.toSet()));
        var seen = bulk.linesByIdempotencyKey(usage.stream().map(UsageDebit::idempotencyKey).toList());
        // A key twice in one batch is charged once, like a repeat in a later batch: its first event is written.
        Map<String, UsageDebit> fresh = new TreeMap<>();
        usage.stream().filter(event -> !seen.containsKey(event.idempotencyKey()))
                .forEach(event -> fresh.putIfAbsent(event.idempotencyKey(), event));
        Map<String, Long> written = new HashMap<>();
        if (!fresh.isEmpty()) {
            var now = clock.instant();
            String actor = currentUser.actorName();
            long[] ids = bulk.newIds(fresh.size());
            Map<Long, LedgerBatch.Change> changes = new HashMap<>();
            List<LedgerLine> batch = new ArrayList<>(fresh.size());
            for (var event : fresh.values()) {
                written.put(event.idempotencyKey(), ids[batch.size()]);
                batch.add(new LedgerLine(event.leafAccountId(), null, LineType.DEBIT, event.amount(), now, actor,
                        event.reason(), event.idempotencyKey(), null, null).explainedBy(event));
                var change = new LedgerBatch.Change(event.amount(), ConsumptionUnits.ZERO);
                chains.get(event.leafAccountId()).forEach(id -> changes.merge(id, change, LedgerBatch.Change::plus));
            }
            bulk.insert(batch, ids);
            bulk.lockRoots(rootsOf(chains));
            bulk.change(changes);
        }
        List<UsageOutcome> outcomes = new ArrayList<>(usage.size());
        Set<String> answered = new HashSet<>();
        for (var event : usage) {
            var existing = seen.get(event.idempotencyKey());
            if (existing != null) {
                outcomes.add(new UsageOutcome(existing, false));
            } else {
                outcomes.add(new UsageOutcome(written.get(event.idempotencyKey()), answered.add(event.idempotencyKey())));
            }
        }
        return outcomes;
    }

    /**
     * The chains (root first) of the given leaves, with every account on them locked in one step
     * per level: the organization, then the rest by depth and id, the order every ledger operation
     * takes, so that concurrent operations queue instead of deadlocking.
     */
    private Map<Long, List<Long>> lockChains(Set<Long> leafIds) {
        var chains = chainsOf(leafIds);
        // The root's lock is the ledger's: every operation takes it first, so the chains below are ours alone.
        bulk.lockRoots(rootsOf(chains));
        return chains;
    }

    /** The chains (root first) of the given leaves, not locked. */
    private Map<Long, List<Long>> chainsOf(Set<Long> leafIds) {
        var chains = bulk.chains(leafIds);
        for (long leaf : leafIds) {
            if (!chains.containsKey(leaf)) {
                throw unknown(leaf);
            }
        }
        return chains;
    }

    private static Set<Long> rootsOf(Map<Long, List<Long>> chains) {
        return chains.values().stream().map(List::getFirst).collect(Collectors.toSet());
    }

    /** The lines about a resource (its holds, releases and span debits), newest first. */
    @Transactional(readOnly = true)
    public Page<LedgerLineView> linesOfResource(long resourceId, Pageable pageable) {
        return lines.ofResource(resourceId, pageable).map(LedgerLineView::of);
    }

    /** What has been debited for a resource so far, in all. */
    @Transactional(readOnly = true)
    public ConsumptionUnits debitedFor(long resourceId) {
        return debitedFor(List.of(resourceId)).get(resourceId);
    }

    /** What has been debited so far for each of the resources, in all (zero for one without debits). */
    @Transactional(readOnly = true)
    public Map<Long, ConsumptionUnits> debitedFor(Collection<Long> resourceIds) {
        Map<Long, ConsumptionUnits> debited = new HashMap<>();
        resourceIds.forEach(id -> debited.put(id, ConsumptionUnits.ZERO));
        if (!resourceIds.isEmpty()) {
            lines.debitedForEach(resourceIds).forEach(row -> debited.put((Long) row[0],
                    ConsumptionUnits.rounded((BigDecimal) row[1])));
        }
        return debited;
    }

    /** The ids of the account's chain, from the organization down to the account itself. */
    @Transactional(readOnly = true)
    public List<Long> ancestry(long accountId) {
        return LedgerBatch.chainOf(accounts.findPath(accountId).orElseThrow(() -> unknown(accountId)));
    }

    /** {@link #ancestry(long)} of several accounts at once, in one query; unknown accounts are left out. */
    @Transactional(readOnly = true)
    public Map<Long, List<Long>> ancestries(Collection<Long> accountIds) {
        return bulk.chains(accountIds);
    }

    private List<LedgerAccount> lockChain(long accountId) {
        var ids = LedgerBatch.chainOf(accounts.findPath(accountId).orElseThrow(() -> unknown(accountId)));
        List<LedgerAccount> chain = new ArrayList<>(ids.size());
        for (long id : ids) {
            chain.add(lock(id));
        }
        return chain;
    }

    private LedgerAccount lock(@Nullable Long id) {
        if (id == null) {
            throw new IllegalStateException("no parent");
        }
        var account = entityManager.find(LedgerAccount.class, id);
        if (account == null) {
            throw unknown(id);
        }
        if (entityManager.getLockMode(account) != LockModeType.PESSIMISTIC_WRITE) {
            // Flush first: a refresh would otherwise drop changes not yet written in this transaction.
            entityManager.flush();
            entityManager.refresh(account, LockModeType.PESSIMISTIC_WRITE);
        }
        return account;
    }

    private static LedgerAccount parentIn(List<LedgerAccount> chain) {
        if (chain.size() < 2) {
            throw new InvalidInputException("The organization pool has no parent to allocate from.");
        }
        return chain.get(chain.size() - 2);
    }

    private static void requireCapacity(List<LedgerAccount> chain, ConsumptionUnits amount) {
        // Leaf first: the message names the level closest to the person asking.
        for (int i = chain.size() - 1; i >= 0; i--) {
            var level = chain.get(i);
            requireOpen(level);
            var available = level.available();
            if (available != null && amount.exceeds(available)) {
                var shortBy = amount.minus(available.max(ConsumptionUnits.ZERO));
                throw new BudgetExceededException(level.getKind(), level.getId(), "The " + level.getKind().label()
                        + " '" + level.getName() + "' has " + available.max(ConsumptionUnits.ZERO)
                        + " units available; this needs " + amount + " (short by " + shortBy + ").", shortBy);
            }
        }
    }

    private static void requireOpen(LedgerAccount account) {
        if (account.isClosed()) {
            throw new InvalidInputException("The " + account.getKind().label() + " '" + account.getName()
                    + "' is closed; its unused budget was returned.");
        }
    }

    private LedgerLine loadHold(long holdLineId) {
        return lines.findById(holdLineId).filter(line -> line.getType() == LineType.HOLD)
                .orElseThrow(() -> new NotFoundException("There is no hold with id " + holdLineId + "."));
    }

    private boolean isSettled(long holdLineId) {
        return lines.existsByHoldLineIdAndType(holdLineId, LineType.RELEASE);
    }

    private boolean alreadyWritten(@Nullable String idempotencyKey) {
        return existingLine(idempotencyKey).isPresent();
    }

    private Optional<LedgerLine> existingLine(@Nullable String idempotencyKey) {
        return idempotencyKey == null ? Optional.empty() : lines.findByIdempotencyKey(idempotencyKey);
    }

    private LedgerLine write(LedgerAccount account, @Nullable Long counterAccountId, LineType type,
            ConsumptionUnits amount, String reason, @Nullable String idempotencyKey, @Nullable Long holdLineId) {
        return write(account, counterAccountId, type, amount, reason, idempotencyKey, holdLineId, null);
    }

    private LedgerLine write(LedgerAccount account, @Nullable Long counterAccountId, LineType type,
            ConsumptionUnits amount, String reason, @Nullable String idempotencyKey, @Nullable Long holdLineId,
            @Nullable Long resourceId) {
        return lines.save(new LedgerLine(account.getId(), counterAccountId, type, amount, clock.instant(),
                currentUser.actorName(), reason, idempotencyKey, holdLineId, null).about(resourceId));
    }

    private static void requirePositive(ConsumptionUnits amount) {
        if (!amount.isPositive()) {
            throw new InvalidInputException("The amount must be more than zero; it was " + amount + ".");
        }
    }

    private static void requireNotNegative(ConsumptionUnits amount) {
        if (amount.isNegative()) {
            throw new InvalidInputException("The amount must not be negative; it was " + amount + ".");
        }
    }

    private static NotFoundException unknown(long accountId) {
        return new NotFoundException("There is no ledger account with id " + accountId + ".");
    }
}
