package org.burnrate.ledger;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.burnrate.base.ConsumptionUnits;
import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/**
 * One journal line. Immutable once written: there are no setters, Hibernate never updates it, and
 * a correction is a new line that points at this one.
 */
@Entity
@Immutable
@Table(name = "ledger_line")
class LedgerLine {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "ledger_line_seq")
    @SequenceGenerator(name = "ledger_line_seq", sequenceName = "ledger_line_seq", allocationSize = 1000)
    private @Nullable Long id;

    @Column(name = "account_id", nullable = false)
    private long accountId;

    @Column(name = "counter_account_id")
    private @Nullable Long counterAccountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private LineType type;

    @Column(nullable = false, precision = 19, scale = 4)
    private ConsumptionUnits amount;

    @Column(nullable = false)
    private Instant at;

    @Column(nullable = false)
    private String actor;

    @Column(nullable = false)
    private String reason;

    @Column(name = "idempotency_key", unique = true)
    private @Nullable String idempotencyKey;

    /** For RELEASE and the DEBIT that converts a hold: the HOLD line concerned. */
    @Column(name = "hold_line_id")
    private @Nullable Long holdLineId;

    @Column(name = "corrects_line_id")
    private @Nullable Long correctsLineId;

    @Column(name = "resource_id")
    private @Nullable Long resourceId;

    @Column(name = "rate_version_id")
    private @Nullable Long rateVersionId;

    @Column(name = "span_start")
    private @Nullable Instant spanStart;

    @Column(name = "span_end")
    private @Nullable Instant spanEnd;

    /** 0 for a span's first debit; one more for each debit of the same span after the earlier was refunded. */
    @Column(name = "span_revision")
    private @Nullable Integer spanRevision;

    @Column(name = "unit_value", precision = 19, scale = 6)
    private java.math.@Nullable BigDecimal unitValue;

    @Column(length = 3)
    private @Nullable String currency;

    protected LedgerLine() {
        this.type = LineType.ADJUSTMENT;
        this.amount = ConsumptionUnits.ZERO;
        this.at = Instant.EPOCH;
        this.actor = "";
        this.reason = "";
    }

    LedgerLine(long accountId, @Nullable Long counterAccountId, LineType type, ConsumptionUnits amount, Instant at,
            String actor, String reason, @Nullable String idempotencyKey, @Nullable Long holdLineId,
            @Nullable Long correctsLineId) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("ledger amounts are never negative; the type gives the direction");
        }
        this.accountId = accountId;
        this.counterAccountId = counterAccountId;
        this.type = type;
        this.amount = amount;
        this.at = at;
        this.actor = actor;
        this.reason = reason;
        this.idempotencyKey = idempotencyKey;
        this.holdLineId = holdLineId;
        this.correctsLineId = correctsLineId;
    }

    /** A line that says what it charges for: which resource, which span, at which rate and unit value. */
    LedgerLine explainedBy(SpanDebit debit) {
        this.resourceId = debit.resourceId();
        this.rateVersionId = debit.rateVersionId();
        this.spanStart = debit.spanStart();
        this.spanEnd = debit.spanEnd();
        this.spanRevision = 0;
        this.unitValue = debit.unitValue();
        this.currency = debit.currency();
        return this;
    }

    /** A span debit written again after the earlier debits of its span were refunded. */
    LedgerLine revision(int revision) {
        this.spanRevision = revision;
        return this;
    }

    @Nullable Integer getSpanRevision() {
        return spanRevision;
    }

    /** A usage line: which resource, which rate version and unit value; no span. */
    LedgerLine explainedBy(UsageDebit usage) {
        this.resourceId = usage.resourceId();
        this.rateVersionId = usage.rateVersionId();
        this.unitValue = usage.unitValue();
        this.currency = usage.currency();
        return this;
    }

    /** A line about a resource without a span (a hold, its release). */
    LedgerLine about(@Nullable Long resourceId) {
        this.resourceId = resourceId;
        return this;
    }

    @Nullable Long getResourceId() {
        return resourceId;
    }

    @Nullable Long getRateVersionId() {
        return rateVersionId;
    }

    @Nullable Instant getSpanStart() {
        return spanStart;
    }

    @Nullable Instant getSpanEnd() {
        return spanEnd;
    }

    java.math.@Nullable BigDecimal getUnitValue() {
        return unitValue;
    }

    @Nullable String getCurrency() {
        return currency;
    }

    long getId() {
        if (id == null) {
            throw new IllegalStateException("line not saved yet");
        }
        return id;
    }

    long getAccountId() {
        return accountId;
    }

    @Nullable Long getCounterAccountId() {
        return counterAccountId;
    }

    LineType getType() {
        return type;
    }

    ConsumptionUnits getAmount() {
        return amount;
    }

    Instant getAt() {
        return at;
    }

    String getActor() {
        return actor;
    }

    String getReason() {
        return reason;
    }

    @Nullable String getIdempotencyKey() {
        return idempotencyKey;
    }

    @Nullable Long getHoldLineId() {
        return holdLineId;
    }

    @Nullable Long getCorrectsLineId() {
        return correctsLineId;
    }
}
