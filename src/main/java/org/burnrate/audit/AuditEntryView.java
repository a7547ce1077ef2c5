package org.burnrate.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

public record AuditEntryView(long id, Instant at, String actor, String action, String subject,
        @Nullable String before, @Nullable String after) {
}
