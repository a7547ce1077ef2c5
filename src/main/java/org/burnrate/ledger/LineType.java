package org.burnrate.ledger;

/**
 * What a journal line records. Amounts are never negative; the type says which way they move.
 * <ul>
 * <li>{@code ALLOCATE}: units handed from the counter-account (the parent) to the account; for the
 * organization pool, without a counter-account, its total.</li>
 * <li>{@code RECLAIM}, {@code EXPIRY}: unused units handed back from the account to its parent.</li>
 * <li>{@code HOLD}, {@code RELEASE}: units set aside for a minimum span, and freed again.</li>
 * <li>{@code DEBIT}: units consumed; {@code REFUND}: consumption given back.</li>
 * <li>{@code ADJUSTMENT}: a correction of consumption (positive adds), pointing at the line it corrects.</li>
 * </ul>
 */
public enum LineType {
    ALLOCATE, RECLAIM, EXPIRY, HOLD, RELEASE, DEBIT, REFUND, ADJUSTMENT
}
