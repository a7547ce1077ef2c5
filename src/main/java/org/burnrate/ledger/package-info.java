/**
 * The append-only ledger of consumption units: one account per budget holder (organization,
 * group-admin budget, group, membership) in a tree, and journal lines that are only ever added.
 * Budgets flow down by allocation; consumption and holds count at every level at once.
 */
@NullMarked
@ApplicationModule(displayName = "Ledger")
package org.burnrate.ledger;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
