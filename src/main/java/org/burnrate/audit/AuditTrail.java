package org.burnrate.audit;

import java.util.Locale;

import org.burnrate.security.Roles;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading the audit log: system admins only. */
@Service
@Transactional(readOnly = true)
public class AuditTrail {

    private final AuditEntryRepository entries;

    AuditTrail(AuditEntryRepository entries) {
        this.entries = entries;
    }

    /** Entries whose actor, action or subject contains {@code filter}, newest first unless sorted otherwise. */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public Page<AuditEntryView> search(String filter, Pageable pageable) {
        String pattern = "%" + filter.strip().toLowerCase(Locale.ROOT).replace("%", "") + "%";
        return entries.search(pattern, pageable).map(AuditEntry::view);
    }
}
