package org.burnrate.metering;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** A run of the debit job as the status view and the API show it. */
public record MeteringRunView(long id, String node, String trigger, Instant startedAt, Instant meteredUpTo,
        @Nullable Instant finishedAt, @Nullable Duration duration, int resources, int linesWritten, int errors,
        int stoppedForBudget, @Nullable String lastError) {
}
