package org.burnrate.security.internal;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.jspecify.annotations.Nullable;

/** A personal API token. Only a SHA-256 hash of the secret is stored; the secret is shown once. */
@Entity
@Table(name = "api_token")
public class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "api_token_seq")
    @SequenceGenerator(name = "api_token_seq", sequenceName = "api_token_seq", allocationSize = 50)
    private @Nullable Long id;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(nullable = false)
    private String name;

    @Column(name = "token_hash", nullable = false, unique = true)
    private String tokenHash;

    /** The first characters of the secret, so a user can tell their tokens apart. */
    @Column(name = "token_prefix", nullable = false)
    private String tokenPrefix;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "last_used_at")
    private @Nullable Instant lastUsedAt;

    @Column(name = "revoked_at")
    private @Nullable Instant revokedAt;

    protected ApiToken() {
        this.name = "";
        this.tokenHash = "";
        this.tokenPrefix = "";
        this.createdAt = Instant.EPOCH;
    }

    public ApiToken(long userId, String name, String tokenHash, String tokenPrefix, Instant createdAt) {
        this.userId = userId;
        this.name = name;
        this.tokenHash = tokenHash;
        this.tokenPrefix = tokenPrefix;
        this.createdAt = createdAt;
    }

    public void revoke(Instant at) {
        if (revokedAt == null) {
            revokedAt = at;
        }
    }

    /**
     * Whether a use at {@code at} is written, the last one written being at {@code lastUsedAt}: kept
     * to the minute, so that a script calling many times a second does not write a row per call.
     */
    static boolean isDueForMarking(@Nullable Instant lastUsedAt, Instant at) {
        return lastUsedAt == null || !at.isBefore(lastUsedAt.plusSeconds(60));
    }

    public boolean isActive() {
        return revokedAt == null;
    }

    public @Nullable Long getId() {
        return id;
    }

    public long getUserId() {
        return userId;
    }

    public String getName() {
        return name;
    }

    public String getTokenPrefix() {
        return tokenPrefix;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public @Nullable Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public @Nullable Instant getRevokedAt() {
        return revokedAt;
    }
}
