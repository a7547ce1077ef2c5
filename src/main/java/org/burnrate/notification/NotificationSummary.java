package org.burnrate.notification;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One notification as its recipient sees it. */
public record NotificationSummary(long id, String topic, String title, String body, Instant createdAt,
        @Nullable Instant readAt) {

    public boolean read() {
        return readAt != null;
    }
}
