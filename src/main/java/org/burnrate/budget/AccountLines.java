package org.burnrate.budget;

import java.time.Instant;
import java.util.Set;

import org.burnrate.ledger.Ledger;
import org.burnrate.ledger.LedgerLineView;
import org.burnrate.ledger.LineType;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading the ledger: the lines of any account the caller may see, a page at a time. */
@Service
@Transactional(readOnly = true)
public class AccountLines {

    private final Ledger ledger;

    AccountLines(Ledger ledger) {
        this.ledger = ledger;
    }

    @PreAuthorize("@budgetScopes.canSeeAccount(#accountId)")
    public BudgetSummary balance(long accountId) {
        return BudgetSummary.of(ledger.balance(accountId));
    }

    /** The account's name and level, for headings. */
    @PreAuthorize("@budgetScopes.canSeeAccount(#accountId)")
    public String describe(long accountId) {
        var balance = ledger.balance(accountId);
        return balance.name() + " (" + balance.kind().label() + ")";
    }

    @PreAuthorize("@budgetScopes.canSeeAccount(#accountId)")
    public Page<LedgerLineView> lines(long accountId, Set<LineType> types, @Nullable Instant from, @Nullable Instant to,
            Pageable pageable) {
        return ledger.lines(accountId, types, from, to, pageable);
    }
}
