package org.burnrate.provisioning;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.burnrate.base.ConflictException;
import org.jspecify.annotations.Nullable;

/**
 * A resource made from a template. Its state changes only through intent methods that guard the
 * lifecycle; every confirmed change is also written to the state history.
 */
@Entity
@Table(name = "cloud_resource")
class CloudResource {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "cloud_resource_seq")
    @SequenceGenerator(name = "cloud_resource_seq", sequenceName = "cloud_resource_seq", allocationSize = 50)
    private @Nullable Long id;

    @Version
    private long version;

    @Column(name = "group_id", nullable = false)
    private long groupId;

    @Column(name = "template_id", nullable = false)
    private long templateId;

    @Column(nullable = false)
    private String name;

    @Column(name = "owner_user_id", nullable = false)
    private long ownerUserId;

    @Column(nullable = false)
    private boolean shared;

    @Column(name = "ledger_account_id", nullable = false)
    private long accountId;

    @Column(name = "parent_resource_id")
    private @Nullable Long parentResourceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ResourceState state;

    @Enumerated(EnumType.STRING)
    @Column(name = "pending_action")
    private @Nullable PendingAction pendingAction;

    @Column(name = "pending_hold_line_id")
    private @Nullable Long pendingHoldLineId;

    @Column(name = "running_since")
    private @Nullable Instant runningSince;

    @Column(name = "stop_at")
    private @Nullable Instant stopAt;

    @Column(nullable = false)
    private String provider;

    @Column(name = "provider_ref")
    private @Nullable String providerRef;

    @Column
    private @Nullable String failure;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    /** False while the debit job may still owe something for this resource: set on every confirmed change. */
    @Column(nullable = false)
    private boolean metered;

    /** When no budget level could first cover this run's next span; the grace period counts from here. */
    @Column(name = "exhausted_since")
    private @Nullable Instant exhaustedSince;

    /**
     * The earliest instant of the confirmed changes the debit job has not priced yet: from here on it
     * compares what is written with what is owed, in case spans were charged before the change came.
     */
    @Column(name = "rebill_from")
    private @Nullable Instant rebillFrom;

    /** Set when its group ended, once what it owed up to then was debited: it owes nothing after it. */
    @Column(name = "billing_ends_at", insertable = false, updatable = false)
    private @Nullable Instant billingEndsAt;

    protected CloudResource() {
        this.name = "";
        this.state = ResourceState.REQUESTED;
        this.provider = "";
        this.createdAt = Instant.EPOCH;
    }

    CloudResource(long groupId, long templateId, String name, long ownerUserId, boolean shared, long accountId,
            @Nullable Long parentResourceId, String provider, @Nullable Instant stopAt, Instant createdAt) {
        this();
        this.groupId = groupId;
        this.templateId = templateId;
        this.name = name;
        this.ownerUserId = ownerUserId;
        this.shared = shared;
        this.accountId = accountId;
        this.parentResourceId = parentResourceId;
        this.provider = provider;
        this.pendingAction = PendingAction.CREATE;
        this.stopAt = stopAt;
        this.createdAt = createdAt;
    }

    /** The hold placed for the first span of the run this resource is being created for, if its template holds one. */
    void heldBy(@Nullable Long holdLineId) {
        this.pendingHoldLineId = holdLineId;
    }

    /** Asks for a start: allowed from stopped or suspended, with nothing else pending. */
    void requestStart(@Nullable Long holdLineId, @Nullable Instant stopAt) {
        if (pendingAction != null) {
            throw new ConflictException("'" + name + "' is waiting for its provider to " + pendingText() + "; try again shortly.");
        }
        if (state != ResourceState.STOPPED && state != ResourceState.SUSPENDED) {
            throw new ConflictException("'" + name + "' is " + state.label().toLowerCase(java.util.Locale.ROOT)
                    + "; only a stopped or suspended resource can be started.");
        }
        this.pendingAction = PendingAction.START;
        this.pendingHoldLineId = holdLineId;
        this.stopAt = stopAt;
        this.failure = null;
    }

    void requestStop() {
        if (state != ResourceState.RUNNING) {
            throw new ConflictException("'" + name + "' is " + state.label().toLowerCase(java.util.Locale.ROOT)
                    + "; only a running resource can be stopped.");
        }
        if (pendingAction == PendingAction.STOP || pendingAction == PendingAction.DELETE) {
            throw new ConflictException("'" + name + "' is already being " + (pendingAction == PendingAction.STOP
                    ? "stopped." : "deleted."));
        }
        this.pendingAction = PendingAction.STOP;
    }

    void requestDelete() {
        if (state == ResourceState.DELETED) {
            throw new ConflictException("'" + name + "' is already deleted.");
        }
        this.pendingAction = PendingAction.DELETE;
    }

    /**
     * Applies a confirmed state. Confirmations older than the last recorded change, or transitions
     * the lifecycle does not allow, are ignored and answered with null: a late or repeated callback
     * must not rewrite history.
     *
     * @return the hold that backs a confirmed start (it moves to the history row), or null
     */
    @Nullable StateChangeOutcome confirm(ResourceState confirmed, Instant at, @Nullable Instant lastChangeAt) {
        if (lastChangeAt != null && at.isBefore(lastChangeAt)) {
            return null;
        }
        if (confirmed == state) {
            return null;
        }
        if (!state.canBecome(confirmed)) {
            return null;
        }
        Long holdForRun = null;
        Long holdToRelease = null;
        if (confirmed == ResourceState.RUNNING) {
            holdForRun = pendingHoldLineId;
            runningSince = at;
        } else {
            runningSince = null;
            stopAt = null;
            holdToRelease = pendingHoldLineId;
        }
        if (confirmed == ResourceState.FAILED) {
            failure = failure == null ? "The provider reported a failure." : failure;
        }
        pendingHoldLineId = null;
        pendingAction = null;
        state = confirmed;
        metered = false;
        rebillFrom = rebillFrom == null || at.isBefore(rebillFrom) ? at : rebillFrom;
        exhaustedSince = null;
        return new StateChangeOutcome(holdForRun, holdToRelease);
    }

    /** The provider refused what was asked; the state stays, the hold for it is given back. */
    @Nullable Long refused(String reason) {
        var hold = pendingHoldLineId;
        pendingHoldLineId = null;
        failure = reason;
        if (pendingAction == PendingAction.START) {
            stopAt = null;
        }
        pendingAction = null;
        return hold;
    }

    void noteFailure(String reason) {
        this.failure = reason;
    }

    void accepted(@Nullable String ref) {
        if (ref != null) {
            this.providerRef = ref;
        }
    }

    record StateChangeOutcome(@Nullable Long holdForRun, @Nullable Long holdToRelease) {
    }

    private String pendingText() {
        return pendingAction == null ? "" : pendingAction.name().toLowerCase(java.util.Locale.ROOT) + " it";
    }

    long id() {
        return id == null ? 0 : id;
    }

    long version() {
        return version;
    }

    long groupId() {
        return groupId;
    }

    long templateId() {
        return templateId;
    }

    String name() {
        return name;
    }

    long ownerUserId() {
        return ownerUserId;
    }

    boolean shared() {
        return shared;
    }

    long accountId() {
        return accountId;
    }

    @Nullable Long parentResourceId() {
        return parentResourceId;
    }

    ResourceState state() {
        return state;
    }

    @Nullable PendingAction pendingAction() {
        return pendingAction;
    }

    @Nullable Instant runningSince() {
        return runningSince;
    }

    @Nullable Instant stopAt() {
        return stopAt;
    }

    String provider() {
        return provider;
    }

    @Nullable String providerRef() {
        return providerRef;
    }

    @Nullable String failure() {
        return failure;
    }

    Instant createdAt() {
        return createdAt;
    }

    @Nullable Instant billingEndsAt() {
        return billingEndsAt;
    }
}
