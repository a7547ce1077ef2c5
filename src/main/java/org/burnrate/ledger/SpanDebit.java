package org.burnrate.ledger;

import java.math.BigDecimal;
import java.time.Instant;

import org.burnrate.base.ConsumptionUnits;
import org.jspecify.annotations.Nullable;

/**
 * One span of a resource to debit on its leaf account, with what explains it. When it is the first
 * span of a run, {@code convertsHoldLineId} names the hold placed at start, released in the same step.
 */
public record SpanDebit(long leafAccountId, long resourceId, ConsumptionUnits amount, @Nullable Long rateVersionId,
        Instant spanStart, Instant spanEnd, @Nullable BigDecimal unitValue, @Nullable String currency,
        @Nullable Long convertsHoldLineId, String reason) {
}
