package org.burnrate.ledger;

import java.time.Instant;

import org.burnrate.base.ConsumptionUnits;
import org.jspecify.annotations.Nullable;

/**
 * A journal line as readers see it. A debit for a resource's span also says what explains it: the
 * resource, the rate version, the span, and the unit value (and currency) in force at its start.
 */
public record LedgerLineView(long id, long accountId, @Nullable Long counterAccountId, LineType type,
        ConsumptionUnits amount, Instant at, String actor, String reason, @Nullable Long holdLineId,
        @Nullable Long correctsLineId, @Nullable Long resourceId, @Nullable Long rateVersionId,
        @Nullable Instant spanStart, @Nullable Instant spanEnd, java.math.@Nullable BigDecimal unitValue,
        @Nullable String currency) {

    static LedgerLineView of(LedgerLine line) {
        return new LedgerLineView(line.getId(), line.getAccountId(), line.getCounterAccountId(), line.getType(),
                line.getAmount(), line.getAt(), line.getActor(), line.getReason(), line.getHoldLineId(),
                line.getCorrectsLineId(), line.getResourceId(), line.getRateVersionId(), line.getSpanStart(),
                line.getSpanEnd(), line.getUnitValue(), line.getCurrency());
    }
}
