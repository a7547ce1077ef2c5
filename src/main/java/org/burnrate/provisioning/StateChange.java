package org.burnrate.provisioning;

import java.time.Instant;

/** A line of a resource's state history as shown to people and clients. */
public record StateChange(ResourceState state, Instant at, String confirmedBy, String note) {
}
