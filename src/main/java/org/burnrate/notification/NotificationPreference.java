package org.burnrate.notification;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A person's choice about email; a person without one gets email. */
@Entity
@Table(name = "notification_preference")
class NotificationPreference {

    @Id
    @Column(name = "user_id")
    private long userId;

    @Column(name = "email_enabled", nullable = false)
    private boolean emailEnabled;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected NotificationPreference() {
        this.updatedAt = Instant.EPOCH;
    }

    NotificationPreference(long userId, boolean emailEnabled, Instant updatedAt) {
        this.userId = userId;
        this.emailEnabled = emailEnabled;
        this.updatedAt = updatedAt;
    }

    boolean emailEnabled() {
        return emailEnabled;
    }

    void emailEnabled(boolean enabled, Instant at) {
        if (emailEnabled != enabled) {
            emailEnabled = enabled;
            updatedAt = at;
        }
    }
}
