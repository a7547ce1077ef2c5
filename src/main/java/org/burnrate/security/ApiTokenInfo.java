package org.burnrate.security;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** What a user sees of one of their API tokens: never the secret. */
public record ApiTokenInfo(long id, String name, String prefix, Instant createdAt, @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
