package org.burnrate.metering;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** How far behind the ledger is: the lag since the moment the last finished run metered up to, and the last runs. */
public record MeteringStatus(@Nullable Duration lag, int resourcesWaiting, List<MeteringRunView> lastRuns) {
}
