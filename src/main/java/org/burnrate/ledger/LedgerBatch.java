package org.burnrate.ledger;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.burnrate.base.ConsumptionUnits;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The ledger's bulk path, for the debit job's chunks and usage batches: reads, locks, journal
 * lines and account changes for many resources at once, as a few JDBC statements in the caller's
 * transaction. Hibernate's work per entity (a find, a flush and a refresh per account; an insert
 * per line) and per query (an IN list of a thousand parameters is translated anew each time) would
 * cost many times the rows themselves. Sets of ids are bound as one array parameter.
 * <p>
 * Nothing about the rules changes: lines are still made by {@link LedgerLine}'s constructor and get
 * their ids from its own sequence generator; accounts are locked in the order every ledger operation
 * uses; an account's figures change by the chunk's total for it, relative to what the locked row
 * holds, never by a value read earlier.
 */
@Component
class LedgerBatch {

    private static final String INSERT_LINES = """
            insert into ledger_line (id, account_id, counter_account_id, type, amount, at, actor, reason,
                idempotency_key, hold_line_id, corrects_line_id, resource_id, rate_version_id, span_start, span_end,
                unit_value, currency, span_revision)
            select * from unnest(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** The SQL types of {@link #INSERT_LINES}'s arrays, in order. */
    private static final String[] COLUMN_TYPES = {"bigint", "bigint", "bigint", "varchar", "numeric", "timestamptz",
            "varchar", "varchar", "varchar", "bigint", "bigint", "bigint", "bigint", "timestamptz", "timestamptz",
            "numeric", "varchar", "integer"};

    /** {@link #INSERT_LINES} through PostgreSQL's COPY, in its text format. */
    private static final String COPY_LINES = """
            copy ledger_line (id, account_id, counter_account_id, type, amount, at, actor, reason, idempotency_key,
                hold_line_id, corrects_line_id, resource_id, rate_version_id, span_start, span_end, unit_value, currency,
                span_revision) from stdin""";

    /**
     * From how many lines a statement's worth goes through COPY on PostgreSQL: a debit run's chunk
     * (10,000 lines took 107 instead of 121 ms), not a usage batch of 100, which the array insert serves well.
     */
    private static final int COPY_FROM = 500;

    /** Lines per insert statement: enough that the statement's own cost disappears, few enough to keep it small. */
    private static final int LINES_PER_INSERT = 5000;

    /** A change of an account's consumption and holds, to add to what its row holds. */
    record Change(ConsumptionUnits consumed, ConsumptionUnits held) {

        Change plus(Change other) {
            return new Change(consumed.plus(other.consumed), held.plus(other.held));
        }
    }

    private static final int KNOWN_CHAINS = 200_000;

    private final EntityManager entityManager;
    private final JdbcTemplate jdbc;
    private final Map<Long, List<Long>> knownChains = new ConcurrentHashMap<>();

    LedgerBatch(EntityManager entityManager, JdbcTemplate jdbc) {
        this.entityManager = entityManager;
        this.jdbc = jdbc;
    }

    /**
     * What stands for the current transaction: the connection it holds, bound to it while it lasts
     * (the JPA transaction binds one for plain JDBC too), and another for every other transaction.
     */
    Object transactionKey() {
        var dataSource = jdbc.getDataSource();
        var holder = dataSource == null ? null : TransactionSynchronizationManager.getResource(dataSource);
        if (holder == null) {
            throw new IllegalStateException("No transaction is active.");
        }
        return holder;
    }

    /**
     * For the accounts given, the sums of their lines per account, counter-account and type: rows of
     * account id, counter-account id (or null), type name and sum, as {@link Ledger#verifyBalances()} reads them.
     */
    List<Object[]> lineSums(Collection<Long> accountIds) {
        flushPending();
        return jdbc.query("""
                select account_id, counter_account_id, type, sum(amount) from ledger_line where account_id = any(?)
                group by account_id, counter_account_id, type""", (row, n) -> new Object[] {row.getLong(1),
                row.getObject(2) == null ? null : row.getLong(2), row.getString(3), row.getBigDecimal(4)},
                array(accountIds));
    }

    /**
     * The chain (root first: organization, ..., the account itself) of each account that exists,
     * from its path ("/1/5/17/"). A path is fixed when its account is opened and never changes, so
     * chains once read are kept, parsed (up to {@value #KNOWN_CHAINS}), and read again only for
     * accounts not seen before: a debit run asks for ten thousand of them twice.
     */
    Map<Long, List<Long>> chains(Collection<Long> ids) {
        Map<Long, List<Long>> chains = new HashMap<>();
        List<Long> unknown = new ArrayList<>();
        for (long id : ids) {
            var chain = knownChains.get(id);
            if (chain == null) {
                unknown.add(id);
            } else {
                chains.put(id, chain);
            }
        }
        if (!unknown.isEmpty()) {
            flushPending();
            if (knownChains.size() > KNOWN_CHAINS) {
                knownChains.clear();
            }
            jdbc.query("select id, path from ledger_account where id = any(?)", (RowCallbackHandler) rows -> {
                var chain = chainOf(rows.getString(2));
                chains.put(rows.getLong(1), chain);
                knownChains.put(rows.getLong(1), chain);
            }, array(unknown));
        }
        return chains;
    }

    /** The account ids of a path ("/1/5/17/"), root first. */
    static List<Long> chainOf(String path) {
        List<Long> chain = new ArrayList<>(4);
        int from = 1;
        for (int slash = path.indexOf('/', from); slash > 0; slash = path.indexOf('/', from)) {
            chain.add(Long.parseLong(path, from, slash, 10));
            from = slash + 1;
        }
        return List.copyOf(chain);
    }

    /** The positions of the accounts that exist, read as rows. */
    Map<Long, Balance> balances(Collection<Long> ids) {
        flushPending();
        Map<Long, Balance> balances = new HashMap<>();
        jdbc.query("""
                select id, kind, name, unlimited, overcommit, allocated, allocated_to_children, consumed, held,
                    closed_at is not null
                from ledger_account where id = any(?)""", (RowCallbackHandler) rows -> balances.put(rows.getLong(1),
                LedgerAccount.balance(rows.getLong(1), AccountKind.valueOf(rows.getString(2)), rows.getString(3),
                        rows.getBoolean(4), rows.getBoolean(5), units(rows.getBigDecimal(6)),
                        units(rows.getBigDecimal(7)), units(rows.getBigDecimal(8)), units(rows.getBigDecimal(9)),
                        rows.getBoolean(10))), array(ids));
        return balances;
    }

    /**
     * Locks the roots of a batch's chains (the organization), and only them. Every ledger operation
     * locks its chain from the root down, so whoever holds the root is alone below it: the rows
     * underneath need no lock of their own before they are changed, which spares a chunk a locked
     * (written) row per account. Reads made after this see everything committed before.
     */
    void lockRoots(Collection<Long> roots) {
        if (!roots.isEmpty()) {
            lockRootsForSpans(roots);
        }
    }

    /**
     * {@link #lockRoots}, answering each root's span epoch as the lock finds it: how many
     * transactions have written spans under it so far.
     */
    Map<Long, Long> lockRootsForSpans(Collection<Long> roots) {
        return spanEpochs(roots, " order by id for update");
    }

    /** The span epochs of these roots as committed now, not locked. */
    Map<Long, Long> spanEpochs(Collection<Long> roots) {
        return spanEpochs(roots, "");
    }

    private Map<Long, Long> spanEpochs(Collection<Long> roots, String lock) {
        flushPending();
        Map<Long, Long> epochs = new HashMap<>();
        jdbc.query("select id, span_epoch from ledger_account where id = any(?)" + lock,
                (RowCallbackHandler) rows -> epochs.put(rows.getLong(1), rows.getLong(2)), array(roots));
        return epochs;
    }

    /** Adds one to the span epoch of each root, which this transaction has locked ({@link #lockRootsForSpans}). */
    void advanceSpanEpochs(Collection<Long> roots) {
        jdbc.update("update ledger_account set span_epoch = span_epoch + 1 where id = any(?)", array(roots));
    }

    /** A span debit as written, and whether a refund already gives it back. */
    record WrittenSpan(long id, long accountId, long resourceId, ConsumptionUnits amount, Instant spanStart,
            @Nullable Instant spanEnd, @Nullable Long rateVersionId, int revision, boolean refunded) {
    }

    /**
     * Every span debit of each resource whose span starts at or after the resource's instant, refunded
     * or not, in one statement: read for the few resources with a change confirmed late.
     */
    List<WrittenSpan> spanDebitsFrom(Map<Long, Instant> fromByResource) {
        flushPending();
        var earliest = fromByResource.values().stream().min(Instant::compareTo).orElseThrow();
        List<WrittenSpan> written = new ArrayList<>();
        jdbc.query("""
                select l.id, l.account_id, l.resource_id, l.amount, l.span_start, l.span_end, l.rate_version_id,
                    coalesce(l.span_revision, 0),
                    exists (select 1 from ledger_line r where r.corrects_line_id = l.id and r.type = 'REFUND')
                from ledger_line l
                where l.resource_id = any(?) and l.span_start >= ? and l.type = 'DEBIT'
                order by l.resource_id, l.span_start, l.id""", (RowCallbackHandler) rows -> {
            long resourceId = rows.getLong(3);
            var start = rows.getObject(5, OffsetDateTime.class).toInstant();
            if (start.isBefore(fromByResource.get(resourceId))) {
                return;
            }
            long rateVersion = rows.getLong(7);
            Long rateVersionId = rows.wasNull() ? null : rateVersion;
            var end = rows.getObject(6, OffsetDateTime.class);
            written.add(new WrittenSpan(rows.getLong(1), rows.getLong(2), resourceId, units(rows.getBigDecimal(4)),
                    start, end == null ? null : end.toInstant(), rateVersionId, rows.getInt(8), rows.getBoolean(9)));
        }, array(fromByResource.keySet()), utc(earliest));
        return written;
    }

    /** The ids of the lines written under these idempotency keys. */
    Map<String, Long> linesByIdempotencyKey(Collection<String> keys) {
        flushPending();
        Map<String, Long> lines = new HashMap<>();
        jdbc.query("select idempotency_key, id from ledger_line where idempotency_key = any(?)",
                (RowCallbackHandler) rows -> lines.put(rows.getString(1), rows.getLong(2)),
                (Object) keys.toArray(String[]::new));
        return lines;
    }

    /**
     * Inserts the lines, each with the next id of {@code ledger_line_seq}, and
     * answers the ids in order.
     */
    long[] insert(List<LedgerLine> lines) {
        var ids = newIds(lines.size());
        insert(lines, ids);
        return ids;
    }

    /**
     * The next {@code count} ids of {@code ledger_line_seq} as Hibernate would give them (the same
     * generator, so ids never collide).
     */
    long[] newIds(int count) {
        var session = entityManager.unwrap(SharedSessionContractImplementor.class);
        var generator = (BeforeExecutionGenerator) session.getFactory().getMappingMetamodel()
                .getEntityDescriptor(LedgerLine.class).getGenerator();
        long[] ids = new long[count];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = ((Number) generator.generate(session, null, null, EventType.INSERT)).longValue();
        }
        return ids;
    }

    /**
     * Inserts the lines under the given ids: one statement per {@value #LINES_PER_INSERT} lines, its
     * columns bound as 18 arrays side by side and unnested into rows, so the statement and its
     * parameters stay the same size however many lines it carries (a JDBC batch binds 18 parameters
     * per line). For a usage batch of 100 lines it took 2.8 instead of 3.3 ms on PostgreSQL.
     */
    void insert(List<LedgerLine> lines, long[] ids) {
        for (int from = 0; from < lines.size(); from += LINES_PER_INSERT) {
            int to = Math.min(lines.size(), from + LINES_PER_INSERT);
            insertColumns(lines.subList(from, to), Arrays.copyOfRange(ids, from, to));
        }
    }

    private void insertColumns(List<LedgerLine> lines, long[] ids) {
        if (lines.size() >= COPY_FROM) {
            // Null on any other database (H2), which takes the array insert below.
            Long copied = jdbc.execute((Connection connection) -> connection.isWrapperFor(PGConnection.class)
                    ? copy(connection.unwrap(PGConnection.class), lines, ids) : null);
            if (copied != null) {
                if (copied != lines.size()) {
                    throw new IllegalStateException("copied " + copied + " of " + lines.size() + " ledger lines");
                }
                return;
            }
        }
        int n = lines.size();
        Long[] id = new Long[n];
        Long[] account = new Long[n];
        Long[] counterAccount = new Long[n];
        String[] type = new String[n];
        BigDecimal[] amount = new BigDecimal[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        String[] actor = new String[n];
        String[] reason = new String[n];
        String[] idempotencyKey = new String[n];
        Long[] holdLine = new Long[n];
        Long[] correctsLine = new Long[n];
        Long[] resource = new Long[n];
        Long[] rateVersion = new Long[n];
        OffsetDateTime[] spanStart = new OffsetDateTime[n];
        OffsetDateTime[] spanEnd = new OffsetDateTime[n];
        BigDecimal[] unitValue = new BigDecimal[n];
        String[] currency = new String[n];
        Integer[] spanRevision = new Integer[n];
        for (int i = 0; i < n; i++) {
            var line = lines.get(i);
            id[i] = ids[i];
            account[i] = line.getAccountId();
            counterAccount[i] = line.getCounterAccountId();
            type[i] = line.getType().name();
            amount[i] = line.getAmount().value();
            at[i] = utc(line.getAt());
            actor[i] = line.getActor();
            reason[i] = line.getReason();
            idempotencyKey[i] = line.getIdempotencyKey();
            holdLine[i] = line.getHoldLineId();
            correctsLine[i] = line.getCorrectsLineId();
            resource[i] = line.getResourceId();
            rateVersion[i] = line.getRateVersionId();
            spanStart[i] = line.getSpanStart() == null ? null : utc(line.getSpanStart());
            spanEnd[i] = line.getSpanEnd() == null ? null : utc(line.getSpanEnd());
            unitValue[i] = line.getUnitValue();
            currency[i] = line.getCurrency();
            spanRevision[i] = line.getSpanRevision();
        }
        int inserted = jdbc.execute((Connection connection) -> {
            try (var insert = connection.prepareStatement(INSERT_LINES)) {
                Object[][] columns = {id, account, counterAccount, type, amount, at, actor, reason, idempotencyKey,
                        holdLine, correctsLine, resource, rateVersion, spanStart, spanEnd, unitValue, currency,
                        spanRevision};
                for (int c = 0; c < columns.length; c++) {
                    insert.setArray(c + 1, connection.createArrayOf(COLUMN_TYPES[c], columns[c]));
                }
                return insert.executeUpdate();
            }
        });
        if (inserted != n) {
            throw new IllegalStateException("inserted " + inserted + " of " + n + " ledger lines");
        }
    }

    /**
     * The lines as rows of COPY's text format: columns separated by tabs, {@code \N} for null, and in
     * text a backslash, tab, newline or carriage return written as its escape, so a resource named
     * with any of them is stored as named.
     */
    private static long copy(PGConnection connection, List<LedgerLine> lines, long[] ids) throws SQLException {
        var text = new StringBuilder(lines.size() * 256);
        // A chunk's lines share their instant, and often their spans' start and end.
        var at = new InstantText();
        var spanStart = new InstantText();
        var spanEnd = new InstantText();
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i);
            text.append(ids[i]).append('\t');
            field(text, line.getAccountId());
            field(text, line.getCounterAccountId());
            field(text, line.getType().name());
            field(text, line.getAmount().value().toPlainString());
            field(text, at.of(line.getAt()));
            field(text, line.getActor());
            field(text, line.getReason());
            field(text, line.getIdempotencyKey());
            field(text, line.getHoldLineId());
            field(text, line.getCorrectsLineId());
            field(text, line.getResourceId());
            field(text, line.getRateVersionId());
            field(text, spanStart.of(line.getSpanStart()));
            field(text, spanEnd.of(line.getSpanEnd()));
            field(text, line.getUnitValue() == null ? null : line.getUnitValue().toPlainString());
            field(text, line.getCurrency());
            text.append(line.getSpanRevision() == null ? "\\N" : line.getSpanRevision()).append('\n');
        }
        var bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            return connection.getCopyAPI().copyIn(COPY_LINES, new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new SQLException("Copying ledger lines failed", e);
        }
    }

    /** An instant as COPY reads it (ISO-8601 in UTC), formatted once while the same instant repeats. */
    private static final class InstantText {

        private @Nullable Instant last;
        private @Nullable String text;

        @Nullable String of(@Nullable Instant instant) {
            if (instant == null) {
                return null;
            }
            if (!instant.equals(last)) {
                last = instant;
                text = instant.toString();
            }
            return text;
        }
    }

    private static void field(StringBuilder text, @Nullable Object value) {
        if (value == null) {
            text.append("\\N\t");
            return;
        }
        if (value instanceof String string && needsEscape(string)) {
            for (int i = 0; i < string.length(); i++) {
                char c = string.charAt(i);
                switch (c) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(c);
                }
            }
        } else {
            text.append(value);
        }
        text.append('\t');
    }

    /** Whether COPY's text format needs {@code text} escaped: most names and reasons do not. */
    private static boolean needsEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds each change to its account's row; their root must be locked ({@link #lockRoots}). An
     * account Hibernate holds in this transaction is read again, so nobody works on stale figures.
     */
    void change(Map<Long, Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        // One statement for all the accounts (three arrays side by side), not one per account.
        long[] sorted = new long[changes.size()];
        int next = 0;
        for (long id : changes.keySet()) {
            sorted[next++] = id;
        }
        Arrays.sort(sorted);
        Long[] ids = new Long[sorted.length];
        BigDecimal[] consumed = new BigDecimal[sorted.length];
        BigDecimal[] held = new BigDecimal[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            var change = changes.get(sorted[i]);
            ids[i] = sorted[i];
            consumed[i] = change.consumed().value();
            held[i] = change.held().value();
        }
        int changed = jdbc.execute((Connection connection) -> {
            try (var merge = connection.prepareStatement("""
                    merge into ledger_account a
                    using (select * from unnest(?, ?, ?) as c(id, consumed, held)) c on a.id = c.id
                    when matched then update set consumed = a.consumed + c.consumed, held = a.held + c.held""")) {
                merge.setArray(1, connection.createArrayOf("bigint", ids));
                merge.setArray(2, connection.createArrayOf("numeric", consumed));
                merge.setArray(3, connection.createArrayOf("numeric", held));
                return merge.executeUpdate();
            }
        });
        if (changed != ids.length) {
            throw new IllegalStateException("changed " + changed + " of " + ids.length + " ledger accounts");
        }
        var session = entityManager.unwrap(SharedSessionContractImplementor.class);
        var context = session.getPersistenceContextInternal();
        if (context.getNumberOfManagedEntities() == 0) {
            return;
        }
        var persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(LedgerAccount.class);
        for (long id : changes.keySet()) {
            var managed = context.getEntity(session.generateEntityKey(id, persister));
            if (managed != null) {
                entityManager.refresh(managed, LockModeType.PESSIMISTIC_WRITE);
            }
        }
    }

    /**
     * The start of the latest span written for each resource that has one: a backward step in the
     * (resource, span start) index per resource, however many lines the resource already has.
     */
    Map<Long, Instant> lastSpanStarts(Collection<Long> resourceIds) {
        flushPending();
        Map<Long, Instant> last = new HashMap<>();
        jdbc.query("""
                select r.id, (select max(l.span_start) from ledger_line l where l.resource_id = r.id)
                from unnest(?) as r(id)""", (RowCallbackHandler) rows -> {
            var start = rows.getObject(2, OffsetDateTime.class);
            if (start != null) {
                last.put(rows.getLong(1), start.toInstant());
            }
        }, array(resourceIds));
        return last;
    }

    /**
     * Writes what Hibernate still holds in memory in this transaction (new accounts, lines, changed
     * figures), as its own queries would before reading: these statements bypass it.
     */
    private void flushPending() {
        entityManager.flush();
    }

    private static Object array(Collection<Long> ids) {
        return ids.toArray(Long[]::new);
    }

    private static ConsumptionUnits units(BigDecimal value) {
        return ConsumptionUnits.rounded(value);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
