package org.burnrate.provisioning;

import java.time.Instant;
import java.util.List;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.catalog.TemplateKind;
import org.jspecify.annotations.Nullable;

/**
 * A resource as its owner, its group admin and the API see it. {@code costSoFar} is what its
 * confirmed history owes up to now at the rates in force (for a per-operation resource: what its
 * reported usage was charged); {@code canManage} says whether the
 * caller may start, stop or delete it.
 */
public record ResourceView(long id, long groupId, String groupName, long templateId, String templateName,
        TemplateKind kind, String name, long ownerUserId, String ownerName, boolean shared, ResourceState state,
        @Nullable PendingAction pendingAction, @Nullable Instant runningSince, @Nullable Instant stopAt,
        @Nullable Long parentResourceId, ConsumptionUnits costSoFar, @Nullable String failure, Instant createdAt,
        List<StateChange> history, boolean canManage) {
}
