package org.burnrate.catalog;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.base.ConsumptionUnitsConverter;
import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/** A stored {@link RateVersion}: written once, never updated. */
@Entity
@Immutable
@Table(name = "rate_version")
class RateVersionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "rate_version_seq")
    @SequenceGenerator(name = "rate_version_seq", sequenceName = "rate_version_seq", allocationSize = 50)
    private @Nullable Long id;

    @Column(name = "template_id", nullable = false)
    private long templateId;

    @Convert(converter = ConsumptionUnitsConverter.class)
    @Column(nullable = false, precision = 19, scale = 4)
    private ConsumptionUnits units;

    @Column(name = "per_seconds", nullable = false)
    private long perSeconds;

    @Column(name = "minimum_span_seconds", nullable = false)
    private long minimumSpanSeconds;

    @Convert(converter = ConsumptionUnitsConverter.class)
    @Column(name = "stopped_units", nullable = false, precision = 19, scale = 4)
    private ConsumptionUnits stoppedUnits;

    @Convert(converter = ConsumptionUnitsConverter.class)
    @Column(name = "units_per_operation", nullable = false, precision = 19, scale = 4)
    private ConsumptionUnits unitsPerOperation;

    @Column(name = "effective_from", nullable = false)
    private Instant effectiveFrom;

    @Column(name = "set_by", nullable = false)
    private String setBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RateVersionEntity() {
        this.units = ConsumptionUnits.ZERO;
        this.stoppedUnits = ConsumptionUnits.ZERO;
        this.unitsPerOperation = ConsumptionUnits.ZERO;
        this.effectiveFrom = Instant.EPOCH;
        this.setBy = "";
        this.createdAt = Instant.EPOCH;
    }

    RateVersionEntity(long templateId, BurnRate rate, Instant effectiveFrom, String setBy, Instant createdAt) {
        this.templateId = templateId;
        this.units = rate.units();
        this.perSeconds = rate.per().toSeconds();
        this.minimumSpanSeconds = rate.minimumSpan().toSeconds();
        this.stoppedUnits = rate.stoppedUnits();
        this.unitsPerOperation = rate.unitsPerOperation();
        this.effectiveFrom = effectiveFrom;
        this.setBy = setBy;
        this.createdAt = createdAt;
    }

    RateVersion view() {
        return new RateVersion(id == null ? 0 : id, templateId, new BurnRate(units, Duration.ofSeconds(perSeconds),
                Duration.ofSeconds(minimumSpanSeconds), stoppedUnits, unitsPerOperation), effectiveFrom, setBy);
    }
}
