package org.burnrate.catalog;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** One effective-dated version of a template's burn rate. Written once; a new rate is a new version. */
public record RateVersion(long id, long templateId, BurnRate rate, Instant effectiveFrom, String setBy) {

    /** Latest start first; among versions starting at the same moment, the one written last wins. */
    static final Comparator<RateVersion> NEWEST_FIRST = Comparator.comparing(RateVersion::effectiveFrom)
            .thenComparingLong(RateVersion::id).reversed();

    /** The version that prices a span starting at {@code at}: the latest one effective at or before it. */
    public static Optional<RateVersion> inForceAt(List<RateVersion> versions, Instant at) {
        return versions.stream().filter(v -> !v.effectiveFrom().isAfter(at)).min(NEWEST_FIRST);
    }

    public boolean isScheduledAfter(Instant now) {
        return effectiveFrom.isAfter(now);
    }
}
