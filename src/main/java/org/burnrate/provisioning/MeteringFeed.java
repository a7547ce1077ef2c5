package org.burnrate.provisioning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Limit;
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

    /** A resource to meter: whose account it burns, its template, its history and the hold of each run's first span. */
    public record BillableResource(long id, long version, long accountId, long templateId, String name,
            ResourceState state, List<StateChange> history, Map<Instant, Long> holdsByRunStart, long groupId,
            long ownerUserId, boolean shared, List<Long> strayHolds) {
    }

    private final CloudResourceRepository resources;
    private final ResourceStateChangeRepository history;

    MeteringFeed(CloudResourceRepository resources, ResourceStateChangeRepository history) {
        this.resources = resources;
        this.history = history;
    }

    /** Ids of resources that may still owe something, in id order, after {@code afterId}. */
    @Transactional(readOnly = true)
    public List<Long> unmetered(long afterId, int limit) {
        return resources.unmeteredAfter(afterId, Limit.of(limit));
    }

    @Transactional(readOnly = true)
    public List<BillableResource> load(Collection<Long> ids) {
        Map<Long, List<StateChange>> histories = new HashMap<>();
        Map<Long, Map<Instant, Long>> holds = new HashMap<>();
        Map<Long, List<Long>> stray = new HashMap<>();
        for (var change : history.historiesOf(ids)) {
            histories.computeIfAbsent(change.resourceId(), k -> new ArrayList<>()).add(change.view());
            if (change.state() == ResourceState.RUNNING && change.holdLineId() != null) {
                // Two starts confirmed at the same instant make one period, and one first span; the other hold goes back.
                var previous = holds.computeIfAbsent(change.resourceId(), k -> new HashMap<>())
                        .putIfAbsent(change.at(), change.holdLineId());
                if (previous != null) {
                    stray.computeIfAbsent(change.resourceId(), k -> new ArrayList<>()).add(change.holdLineId());
                }
            }
        }
        return resources.findAllById(ids).stream().map(r -> new BillableResource(r.id(), r.version(), r.accountId(),
                r.templateId(), r.name(), r.state(), histories.getOrDefault(r.id(), List.of()),
                holds.getOrDefault(r.id(), Map.of()), r.groupId(), r.ownerUserId(), r.shared(),
                stray.getOrDefault(r.id(), List.of()))).toList();
    }

    /**
     * Marks resources as owing nothing more, unless they changed since they were read (a newer
     * version): a change confirmed meanwhile keeps them on the job's list.
     */
    public void markMetered(Collection<BillableResource> done) {
        done.forEach(r -> resources.markMetered(r.id(), r.version()));
    }
}
