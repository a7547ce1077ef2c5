package org.burnrate.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/** One change, written once and never updated. */
@Entity
@Immutable
@Table(name = "audit_entry")
class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "audit_entry_seq")
    @SequenceGenerator(name = "audit_entry_seq", sequenceName = "audit_entry_seq", allocationSize = 50)
    private @Nullable Long id;

    @Column(nullable = false)
    private Instant at;

    @Column(nullable = false)
    private String actor;

    @Column(nullable = false)
    private String action;

    @Column(nullable = false)
    private String subject;

    @Column(name = "before_value")
    private @Nullable String before;

    @Column(name = "after_value")
    private @Nullable String after;

    protected AuditEntry() {
        this.at = Instant.EPOCH;
        this.actor = "";
        this.action = "";
        this.subject = "";
    }

    AuditEntry(Instant at, String actor, String action, String subject, @Nullable String before,
            @Nullable String after) {
        this.at = at;
        this.actor = actor;
        this.action = action;
        this.subject = subject;
        this.before = before;
        this.after = after;
    }

    AuditEntryView view() {
        return new AuditEntryView(id == null ? 0 : id, at, actor, action, subject, before, after);
    }
}
