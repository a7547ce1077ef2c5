package org.burnrate.ledger;

import org.burnrate.base.ConsumptionUnits;
import org.jspecify.annotations.Nullable;

/**
 * An account's position. {@code consumed} and {@code held} include everything below the account;
 * {@code available} is what can still be consumed at this level (null when unlimited), and
 * {@code unallocated} what is left to hand to children.
 */
public record Balance(long accountId, AccountKind kind, String name, ConsumptionUnits allocated,
        ConsumptionUnits allocatedToChildren, ConsumptionUnits consumed, ConsumptionUnits held,
        @Nullable ConsumptionUnits available, @Nullable ConsumptionUnits unallocated, boolean overcommit,
        boolean closed) {
}
