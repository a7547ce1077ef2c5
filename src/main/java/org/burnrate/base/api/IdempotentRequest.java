package org.burnrate.base.api;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.jspecify.annotations.Nullable;

/**
 * A creating API request made with an {@code Idempotency-Key}: claimed before it runs (so a
 * concurrent repeat is refused), then completed with the response a repeat gets back.
 */
@Entity
@Table(name = "idempotent_request")
class IdempotentRequest {

    /** Responses larger than this are not kept; a repeat then runs as a new request would. */
    static final int MAX_BODY = 1_000_000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "idempotent_request_seq")
    @SequenceGenerator(name = "idempotent_request_seq", sequenceName = "idempotent_request_seq", allocationSize = 50)
    private @Nullable Long id;

    @Column(nullable = false)
    private String caller;

    @Column(name = "idempotency_key", nullable = false)
    private String key;

    /** SHA-256 of method, path and body: the same key with a different request is refused. */
    @Column(name = "request_hash", nullable = false)
    private String requestHash;

    @Column(name = "response_status")
    private @Nullable Integer responseStatus;

    @Column(name = "response_content_type")
    private @Nullable String responseContentType;

    @Column(name = "response_body", length = IdempotentRequest.MAX_BODY)
    private byte @Nullable [] responseBody;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected IdempotentRequest() {
        this.caller = "";
        this.key = "";
        this.requestHash = "";
        this.createdAt = Instant.EPOCH;
    }

    IdempotentRequest(String caller, String key, String requestHash, Instant createdAt) {
        this.caller = caller;
        this.key = key;
        this.requestHash = requestHash;
        this.createdAt = createdAt;
    }

    void complete(int status, @Nullable String contentType, byte[] body) {
        this.responseStatus = status;
        this.responseContentType = contentType;
        this.responseBody = body.clone();
    }

    @Nullable Long getId() {
        return id;
    }

    boolean isComplete() {
        return responseStatus != null;
    }

    String getRequestHash() {
        return requestHash;
    }

    @Nullable Integer getResponseStatus() {
        return responseStatus;
    }

    @Nullable String getResponseContentType() {
        return responseContentType;
    }

    byte[] getResponseBody() {
        return responseBody == null ? new byte[0] : responseBody.clone();
    }
}
