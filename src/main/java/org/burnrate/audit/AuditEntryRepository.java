package org.burnrate.audit;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface AuditEntryRepository extends JpaRepository<AuditEntry, Long> {

    @Query("""
            select e from AuditEntry e
            where lower(e.actor) like :pattern or lower(e.action) like :pattern or lower(e.subject) like :pattern
            """)
    Page<AuditEntry> search(@Param("pattern") String pattern, Pageable pageable);
}
