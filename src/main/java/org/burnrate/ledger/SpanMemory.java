package org.burnrate.ledger;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one node's debit runs remember of the spans they wrote: per organization, the start of
 * each resource's last span as this node's own committed transactions left it, and the span epoch
 * up to which that holds. Every transaction that writes spans adds one to its organization's epoch
 * under the lock, so while the epoch in the database is the one remembered, nobody else wrote
 * spans there since, and the starts remembered are the ones the database holds: a run reads them
 * from here instead of stepping into the (resource, span start) index once per resource. When the
 * epoch moved on without this node, what it remembers of that organization no longer counts.
 * <p>
 * Like the spans read ahead, a remembered start can only lag behind what is written, never run
 * ahead of it, and the (resource, span start, revision) key refuses a span written twice: a wrong
 * memory could fail a chunk, which is then metered again resource by resource from the database,
 * but never charge a span twice. Safe to share between a node's runs and their threads.
 */
public final class SpanMemory {

    /** Stands for "no span written yet", which is worth remembering too. */
    private static final Instant NONE = Instant.MIN;

    private final int capacity;
    private final Map<Long, Stretch> byRoot = new ConcurrentHashMap<>();

    /**
     * @param capacity the most resources remembered per organization; past it, the memory of that
     *     organization starts again from the chunk at hand
     */
    public SpanMemory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("A span memory holds at least one resource.");
        }
        this.capacity = capacity;
    }

    /**
     * An unbroken stretch of an organization's span epochs, all of them this node's own: the starts
     * remembered in it, each with the epoch it was remembered at, and the last epoch it covers.
     */
    private static final class Stretch {

        /** Set only after the starts of that epoch are in, so that a reader who sees it sees them. */
        private volatile long through = -1;
        private final Map<Long, Remembered> starts = new ConcurrentHashMap<>();
    }

    private record Remembered(Instant start, long epoch) {
    }

    /**
     * The last span starts of {@code resourceIds} under {@code root} as of span epoch {@code epoch}
     * (read from the database before this call), for the resources remembered; the others are added
     * to {@code unknown}, and so are all of them when the organization's memory is not at that epoch.
     */
    Map<Long, Instant> recall(long root, long epoch, Collection<Long> resourceIds, Collection<Long> unknown) {
        Map<Long, Instant> known = new HashMap<>();
        var stretch = byRoot.get(root);
        // Read before the starts: a stretch at this epoch holds every start of it, and a start
        // remembered later (at a later epoch) is left for the database.
        if (stretch == null || stretch.through != epoch) {
            unknown.addAll(resourceIds);
            return known;
        }
        for (long id : resourceIds) {
            var remembered = stretch.starts.get(id);
            if (remembered == null || remembered.epoch() > epoch) {
                unknown.add(id);
            } else if (remembered.start() != NONE) {
                known.put(id, remembered.start());
            }
        }
        return known;
    }

    /**
     * After a transaction of this node committed: it locked {@code root} at span epoch
     * {@code lockedEpoch} and left it at the next, and {@code lastStarts} are the last span starts of
     * {@code resourceIds} as it left them, except for those in {@code unsure} (spans it wrote without
     * keeping count), which are forgotten. When the memory of the organization was not at
     * {@code lockedEpoch} (someone else wrote spans since, or it is full), it starts again from these.
     */
    synchronized void remember(long root, long lockedEpoch, Collection<Long> resourceIds,
            Map<Long, Instant> lastStarts, Set<Long> unsure) {
        var stretch = byRoot.get(root);
        if (stretch == null || stretch.through != lockedEpoch
                || stretch.starts.size() + resourceIds.size() > capacity) {
            stretch = new Stretch();
        }
        long epoch = lockedEpoch + 1;
        for (long id : resourceIds) {
            if (unsure.contains(id)) {
                stretch.starts.remove(id);
            } else {
                stretch.starts.put(id, new Remembered(lastStarts.getOrDefault(id, NONE), epoch));
            }
        }
        for (long id : unsure) {
            stretch.starts.remove(id);
        }
        stretch.through = epoch;
        byRoot.put(root, stretch);
    }
}
