package org.burnrate.ledger;

import org.burnrate.base.ConflictException;
import org.burnrate.base.ConsumptionUnits;

/** A level of the hierarchy cannot cover a request; the message names the level and the shortfall. */
public class BudgetExceededException extends ConflictException {

    private final AccountKind level;
    private final long accountId;
    private final ConsumptionUnits shortBy;

    BudgetExceededException(AccountKind level, long accountId, String message, ConsumptionUnits shortBy) {
        super(message);
        this.level = level;
        this.accountId = accountId;
        this.shortBy = shortBy;
    }

    public AccountKind level() {
        return level;
    }

    public long accountId() {
        return accountId;
    }

    public ConsumptionUnits shortBy() {
        return shortBy;
    }
}
