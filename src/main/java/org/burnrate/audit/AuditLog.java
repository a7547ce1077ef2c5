package org.burnrate.audit;

import java.time.Clock;

import org.burnrate.security.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a change in the caller's transaction, so an audit entry exists exactly when the change
 * it describes was committed. Called by the services that make changes, after their own checks.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
public class AuditLog {

    private static final int MAX = 1000;

    private final AuditEntryRepository entries;
    private final CurrentUser currentUser;
    private final Clock clock;

    AuditLog(AuditEntryRepository entries, CurrentUser currentUser, Clock clock) {
        this.entries = entries;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /**
     * @param action  what happened, e.g. "Group budget changed"
     * @param subject what it happened to, e.g. "group 17 'CS101'"
     * @param before  the old value, or null for a creation
     * @param after   the new value, or null for a removal
     */
    public void record(String action, String subject, @Nullable Object before, @Nullable Object after) {
        entries.save(new AuditEntry(clock.instant(), currentUser.actorName(), cut(action), cut(subject),
                before == null ? null : cut(before.toString()), after == null ? null : cut(after.toString())));
    }

    private static String cut(String text) {
        return text.length() <= MAX ? text : text.substring(0, MAX - 1) + "…";
    }
}
