package org.burnrate.ledger;

/** What became of one usage event: its DEBIT line, and whether it was charged now or was a repeat. */
public record UsageOutcome(long lineId, boolean charged) {
}
