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

import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/**
 * One line of a resource's state history: the state and the moment the provider confirmed it.
 * Written once. A RUNNING line carries the hold placed for its first span, which the debit job
 * converts when it charges that span.
 */
@Entity
@Immutable
@Table(name = "resource_state_change")
class ResourceStateChange {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "resource_state_change_seq")
    @SequenceGenerator(name = "resource_state_change_seq", sequenceName = "resource_state_change_seq", allocationSize = 50)
    private @Nullable Long id;

    @Column(name = "resource_id", nullable = false)
    private long resourceId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ResourceState state;

    @Column(nullable = false)
    private Instant at;

    @Column(name = "confirmed_by", nullable = false)
    private String confirmedBy;

    @Column(name = "hold_line_id")
    private @Nullable Long holdLineId;

    @Column(nullable = false)
    private String note;

    protected ResourceStateChange() {
        this.state = ResourceState.REQUESTED;
        this.at = Instant.EPOCH;
        this.confirmedBy = "";
        this.note = "";
    }

    ResourceStateChange(long resourceId, ResourceState state, Instant at, String confirmedBy,
            @Nullable Long holdLineId, String note) {
        this.resourceId = resourceId;
        this.state = state;
        this.at = at;
        this.confirmedBy = confirmedBy;
        this.holdLineId = holdLineId;
        this.note = note.length() > 1000 ? note.substring(0, 1000) : note;
    }

    long resourceId() {
        return resourceId;
    }

    ResourceState state() {
        return state;
    }

    Instant at() {
        return at;
    }

    @Nullable Long holdLineId() {
        return holdLineId;
    }

    StateChange view() {
        return new StateChange(state, at, confirmedBy, note);
    }
}
