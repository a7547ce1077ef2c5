package org.burnrate.ledger;

import java.time.Instant;

import org.burnrate.base.ConsumptionUnits;
import org.jspecify.annotations.Nullable;

/** A journal line as readers see it; later issues add resource, rate version and span. */
public record LedgerLineView(long id, long accountId, @Nullable Long counterAccountId, LineType type,
        ConsumptionUnits amount, Instant at, String actor, String reason, @Nullable Long holdLineId,
        @Nullable Long correctsLineId) {

    static LedgerLineView of(LedgerLine line) {
        return new LedgerLineView(line.getId(), line.getAccountId(), line.getCounterAccountId(), line.getType(),
                line.getAmount(), line.getAt(), line.getActor(), line.getReason(), line.getHoldLineId(),
                line.getCorrectsLineId());
    }
}
