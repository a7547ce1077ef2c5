package org.burnrate.provisioning;

import org.burnrate.ledger.Ledger;
import org.burnrate.ledger.LedgerLineView;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * What a resource has cost: the ledger lines about it (each span's debit, the release of the
 * start's hold into the first), for whoever may see the resource. Anyone else is told it does not
 * exist.
 */
@Service
public class ResourceCosts {

    private final Ledger ledger;

    ResourceCosts(Ledger ledger) {
        this.ledger = ledger;
    }

    /** The resource's lines, newest first. */
    @PreAuthorize("@resourceScopes.canSee(#resourceId)")
    public Page<LedgerLineView> lines(long resourceId, Pageable pageable) {
        return ledger.linesOfResource(resourceId, pageable);
    }
}
