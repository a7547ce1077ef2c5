package org.burnrate.provisioning;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A provider's answer: done and confirmed (with the state and the moment it took effect), accepted
 * (a callback will confirm it later), or failed (with a reason people can read).
 */
public record ProviderResponse(Outcome outcome, @Nullable ResourceState state, @Nullable Instant at,
        @Nullable String providerRef, @Nullable String message) {

    public enum Outcome {
        CONFIRMED, ACCEPTED, FAILED
    }

    public static ProviderResponse confirmed(ResourceState state, Instant at, @Nullable String providerRef) {
        return new ProviderResponse(Outcome.CONFIRMED, state, at, providerRef, null);
    }

    public static ProviderResponse accepted(@Nullable String providerRef) {
        return new ProviderResponse(Outcome.ACCEPTED, null, null, providerRef, null);
    }

    public static ProviderResponse failed(String message) {
        return new ProviderResponse(Outcome.FAILED, null, null, null, message);
    }
}
