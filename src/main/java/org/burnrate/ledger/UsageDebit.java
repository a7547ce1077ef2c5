package org.burnrate.ledger;

import java.math.BigDecimal;

import org.burnrate.base.ConsumptionUnits;
import org.jspecify.annotations.Nullable;

/** Reported operations of a per-operation resource to debit once, under the reporter's idempotency key. */
public record UsageDebit(long leafAccountId, long resourceId, ConsumptionUnits amount, @Nullable Long rateVersionId,
        @Nullable BigDecimal unitValue, @Nullable String currency, String idempotencyKey, String reason) {
}
