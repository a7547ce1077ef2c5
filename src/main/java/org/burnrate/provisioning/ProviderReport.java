package org.burnrate.provisioning;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A state change a provider reports after the fact (a callback, or the simulated provider's delayed
 * confirmation). Published as an application event or applied by the callback endpoint.
 */
public record ProviderReport(String provider, long resourceId, ResourceState state, Instant at,
        @Nullable String providerRef, @Nullable String message) {
}
