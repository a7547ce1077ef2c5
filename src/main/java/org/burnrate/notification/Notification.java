package org.burnrate.notification;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.jspecify.annotations.Nullable;

/** Something the portal told one person. Only its read time ever changes, and only once. */
@Entity
@Table(name = "notification")
class Notification {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "notification_seq")
    @SequenceGenerator(name = "notification_seq", sequenceName = "notification_seq", allocationSize = 50)
    private @Nullable Long id;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(nullable = false)
    private String topic;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private String body;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "read_at")
    private @Nullable Instant readAt;

    @Column(name = "dedup_key")
    private @Nullable String dedupKey;

    protected Notification() {
        this.topic = "";
        this.title = "";
        this.body = "";
        this.createdAt = Instant.EPOCH;
    }

    Notification(long userId, String topic, String title, String body, Instant createdAt, @Nullable String dedupKey) {
        this.userId = userId;
        this.topic = topic;
        this.title = title;
        this.body = body;
        this.createdAt = createdAt;
        this.dedupKey = dedupKey;
    }

    /** Keeps the first read time: reading it again changes nothing. */
    void markRead(Instant at) {
        if (readAt == null) {
            readAt = at;
        }
    }

    NotificationSummary summary() {
        return new NotificationSummary(id == null ? 0 : id, topic, title, body, createdAt, readAt);
    }
}
