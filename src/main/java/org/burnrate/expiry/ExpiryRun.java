package org.burnrate.expiry;

import java.time.LocalDate;
import java.util.List;

/**
 * What one expiry run did on {@code day} (UTC): reminders sent (one per person and reminder),
 * groups and group-admin budgets ended, and those left for the next run, each with why (a resource
 * its provider has not yet confirmed stopped, say).
 */
public record ExpiryRun(LocalDate day, int remindersSent, int groupsEnded, int adminBudgetsEnded,
        List<String> deferred) {
}
