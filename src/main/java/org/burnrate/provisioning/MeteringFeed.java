package org.burnrate.provisioning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.persistence.EntityManager;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the debit job reads: the resources that may still owe something (every confirmed change
 * marks a resource so), with their confirmed histories and the holds placed for each run. A
 * domain component for the metering service, which runs as the system.
 */
@Component
@Transactional
public class MeteringFeed {

    /** A chunk of the debit job's default size is read in two statements. */
    private static final int IDS_PER_READ = 5000;
    /**
     * The most resources whose histories a node keeps between runs (a few hundred bytes each);
     * past it, they are read again from the database and kept from then on.
     */
    private static final int KEPT_HISTORIES = 250_000;

    /**
     * A resource to meter: whose account it burns, its template, its history (the confirmed states
     * and their instants: what billing needs, without who confirmed them or their notes) and the
     * hold of each run's first span.
     */
    public record BillableResource(long id, long version, long accountId, long templateId, String name,
            ResourceState state, List<StateChange> history, Map<Instant, Long> holdsByRunStart, long groupId,
            long ownerUserId, boolean shared, List<Long> strayHolds, @Nullable Instant exhaustedSince,
            @Nullable Instant rebillFrom, @Nullable Instant billingEndsAt) {
    }

    private final CloudResourceRepository resources;
    private final JdbcTemplate jdbc;
    private final EntityManager entityManager;
    /**
     * The histories read, by resource, with the version of the resource they were read at: a change
     * is recorded only with a new version of its resource, in the same transaction, and the rows are
     * never changed afterwards, so while the version read is the one kept, so is the history.
     */
    private final Map<Long, KeptHistory> kept = new ConcurrentHashMap<>();

    private record KeptHistory(long version, List<StateChange> history, Map<Instant, Long> holdsByRunStart,
            List<Long> strayHolds) {
    }

    MeteringFeed(CloudResourceRepository resources, JdbcTemplate jdbc, EntityManager entityManager) {
        this.resources = resources;
        this.jdbc = jdbc;
        this.entityManager = entityManager;
    }

    /** Where the debit job's walk through the resources that may still owe something stands. */
    public record Position(long accountId, long resourceId) {

        public static final Position START = new Position(0, 0);
    }

    /**
     * A chunk of resources to meter: their ids in the walk's order, the position after them, and
     * the resources with their histories, in id order.
     */
    public record Chunk(List<Long> ids, Position next, List<BillableResource> resources) {
    }

    /**
     * The next resources that may still owe something after {@code after}, with their histories,
     * ordered by the account they are charged to and then by id: the resources of one member (and
     * of one group) come together, so a chunk has fewer accounts to lock and update per line it
     * writes. Their rows are read by the same statement that finds them.
     */
    @Transactional(readOnly = true)
    public Chunk unmeteredAfter(Position after, int limit) {
        var rows = jdbc.query(ROWS + """
                where metered = false and (ledger_account_id, id) > (?, ?)
                order by ledger_account_id, id limit ?""", MeteringFeed::row, after.accountId(), after.resourceId(),
                limit);
        if (rows.isEmpty()) {
            return new Chunk(List.of(), after, List.of());
        }
        var last = rows.getLast();
        var ids = rows.stream().map(Row::id).toList();
        return new Chunk(ids, new Position(last.accountId(), last.id()),
                withHistories(rows.stream().sorted(Comparator.comparingLong(Row::id)).toList()));
    }

    /** Ids of resources that may still owe something, in id order, after {@code afterId}. */
    @Transactional(readOnly = true)
    public List<Long> unmetered(long afterId, int limit) {
        return resources.unmeteredAfter(afterId, Limit.of(limit));
    }

    /**
     * The resources with their histories, in id order. Read as plain rows with the ids bound as one
     * array, not as entities through an IN list: the debit job reads thousands per chunk, and
     * Hibernate would translate a new query for every list and check every entity at each flush.
     * A statement asks for at most {@value #IDS_PER_READ} ids, few enough against any table of
     * resources that the database looks them up by index instead of reading the whole table.
     */
    @Transactional(readOnly = true)
    public List<BillableResource> load(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        // What this transaction changed through Hibernate goes to the database first, as before its own queries.
        entityManager.flush();
        var sorted = ids.stream().sorted().distinct().toList();
        List<BillableResource> loaded = new ArrayList<>(sorted.size());
        for (int from = 0; from < sorted.size(); from += IDS_PER_READ) {
            loaded.addAll(loadSorted(sorted.subList(from, Math.min(sorted.size(), from + IDS_PER_READ))));
        }
        return loaded;
    }

    /** A resource that reports usage: whose account it burns, its template and name, and when its billing ended. */
    public record UsageTarget(long id, long accountId, long templateId, String name, @Nullable Instant billingEndsAt) {
    }

    /** The resources among {@code ids} that exist, by id: their rows only, for pricing reported usage. */
    @Transactional(readOnly = true)
    public Map<Long, UsageTarget> usageTargets(Collection<Long> ids) {
        entityManager.flush();
        Map<Long, UsageTarget> targets = new HashMap<>();
        jdbc.query("""
                select id, ledger_account_id, template_id, name, billing_ends_at from cloud_resource
                where id = any(?)""", (RowCallbackHandler) row -> targets.put(row.getLong(1), new UsageTarget(
                row.getLong(1), row.getLong(2), row.getLong(3), row.getString(4),
                instant(row.getObject(5, OffsetDateTime.class)))), (Object) ids.toArray(Long[]::new));
        return targets;
    }

    /** What the debit job reads of a resource's row. */
    private static final String ROWS = """
            select id, version, ledger_account_id, template_id, name, state, group_id, owner_user_id, shared,
                exhausted_since, rebill_from, billing_ends_at
            from cloud_resource
            """;

    private record Row(long id, long version, long accountId, long templateId, String name, ResourceState state,
            long groupId, long ownerUserId, boolean shared, @Nullable Instant exhaustedSince,
            @Nullable Instant rebillFrom, @Nullable Instant billingEndsAt) {
    }

    private static Row row(ResultSet row, int n) throws SQLException {
        return new Row(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getString(5),
                ResourceState.valueOf(row.getString(6)), row.getLong(7), row.getLong(8), row.getBoolean(9),
                instant(row.getObject(10, OffsetDateTime.class)), instant(row.getObject(11, OffsetDateTime.class)),
                instant(row.getObject(12, OffsetDateTime.class)));
    }

    private List<BillableResource> loadSorted(List<Long> ids) {
        return withHistories(jdbc.query(ROWS + "where id = any(?) order by id", MeteringFeed::row,
                (Object) ids.toArray(Long[]::new)));
    }

    /**
     * The resources of these rows with their histories. The rows are read first, then the histories:
     * a change is recorded with its resource's new version in one transaction, so a history read
     * afterwards holds at least what the version read says.
     */
    private List<BillableResource> withHistories(List<Row> rows) {
        Map<Long, KeptHistory> found = new HashMap<>();
        List<Row> unknown = new ArrayList<>();
        for (var r : rows) {
            var history = kept.get(r.id());
            if (history != null && history.version() == r.version()) {
                found.put(r.id(), history);
            } else {
                unknown.add(r);
            }
        }
        if (!unknown.isEmpty()) {
            var read = readHistories(unknown);
            if (kept.size() + read.size() > KEPT_HISTORIES) {
                kept.clear();
            }
            found.putAll(read);
            kept.putAll(read);
        }
        return rows.stream().map(r -> {
            var history = found.get(r.id());
            return new BillableResource(r.id(), r.version(), r.accountId(), r.templateId(), r.name(), r.state(),
                    history.history(), history.holdsByRunStart(), r.groupId(), r.ownerUserId(), r.shared(),
                    history.strayHolds(), r.exhaustedSince(), r.rebillFrom(), r.billingEndsAt());
        }).toList();
    }

    /**
     * The histories of the resources of these rows, each kept with the version its row was read at.
     * Read after the rows, they hold at least what the versions read say (a change committed in
     * between is in them too, and moved the version on, so they are read again next time).
     */
    private Map<Long, KeptHistory> readHistories(List<Row> rows) {
        Map<Long, List<StateChange>> histories = new HashMap<>();
        Map<Long, Map<Instant, Long>> holds = new HashMap<>();
        Map<Long, List<Long>> stray = new HashMap<>();
        jdbc.query("""
                select resource_id, state, at, hold_line_id from resource_state_change
                where resource_id = any(?) order by resource_id, at, id""", (RowCallbackHandler) row -> {
            long resourceId = row.getLong(1);
            var state = ResourceState.valueOf(row.getString(2));
            var at = row.getObject(3, OffsetDateTime.class).toInstant();
            long hold = row.getLong(4);
            Long holdLineId = row.wasNull() ? null : hold;
            histories.computeIfAbsent(resourceId, k -> new ArrayList<>())
                    .add(new StateChange(state, at, "", ""));
            if (state == ResourceState.RUNNING && holdLineId != null) {
                // Two starts confirmed at the same instant make one period, and one first span; the other hold goes back.
                var previous = holds.computeIfAbsent(resourceId, k -> new HashMap<>()).putIfAbsent(at, holdLineId);
                if (previous != null) {
                    stray.computeIfAbsent(resourceId, k -> new ArrayList<>()).add(holdLineId);
                }
            }
        }, (Object) rows.stream().map(Row::id).toArray(Long[]::new));
        Map<Long, KeptHistory> read = new HashMap<>();
        for (var r : rows) {
            read.put(r.id(), new KeptHistory(r.version(), List.copyOf(histories.getOrDefault(r.id(), List.of())),
                    Map.copyOf(holds.getOrDefault(r.id(), Map.of())), List.copyOf(stray.getOrDefault(r.id(), List.of()))));
        }
        return read;
    }

    private static @Nullable Instant instant(@Nullable OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }

    /**
     * Marks resources as owing nothing more, unless they changed since they were read (a newer
     * version): a change confirmed meanwhile keeps them on the job's list.
     */
    public void markMetered(Collection<BillableResource> done) {
        done.forEach(r -> resources.markMetered(r.id(), r.version()));
    }

    /**
     * Ends the billing of the groups' resources at {@code at}, once their group has ended and what
     * they owed up to then is debited: they owe nothing after it, not even a stopped rate. The debit
     * job visits each once more, and then leaves it alone.
     */
    public void endBilling(Collection<Long> groupIds, Instant at) {
        if (groupIds.isEmpty()) {
            return;
        }
        entityManager.flush();
        jdbc.update("""
                update cloud_resource set billing_ends_at = ?, metered = false, version = version + 1
                where group_id = any(?) and billing_ends_at is null""", at.atOffset(java.time.ZoneOffset.UTC),
                (Object) groupIds.toArray(Long[]::new));
    }

    /**
     * Forgets the changes of these resources as priced, unless a change was confirmed since they were
     * read (a newer version): that one is still to be priced, and keeps its instant.
     */
    public void markRebilled(Collection<BillableResource> rebilled) {
        var pending = rebilled.stream().filter(r -> r.rebillFrom() != null).toList();
        if (pending.isEmpty()) {
            return;
        }
        entityManager.flush();
        jdbc.batchUpdate("update cloud_resource set rebill_from = null where id = ? and version = ?", pending, 1000,
                (statement, r) -> {
                    statement.setLong(1, r.id());
                    statement.setLong(2, r.version());
                });
    }
}
