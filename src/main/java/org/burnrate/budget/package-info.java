/**
 * Budgets flow down: the organization pool funds group-admin budgets, which fund groups, which
 * fund member allocations. Who may change which budget is decided here (role and scope); the money
 * rules themselves are the ledger's.
 */
@NullMarked
@ApplicationModule(displayName = "Budgets")
package org.burnrate.budget;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
