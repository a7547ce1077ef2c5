package org.burnrate.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.jspecify.annotations.Nullable;

/** A stored {@link UnitValue}: written once, never updated. */
@Entity
@Immutable
@Table(name = "unit_value_version")
class UnitValueVersion {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "unit_value_version_seq")
    @SequenceGenerator(name = "unit_value_version_seq", sequenceName = "unit_value_version_seq", allocationSize = 50)
    private @Nullable Long id;

    @Column(nullable = false, length = 3)
    private String currency;

    @Column(name = "value_per_unit", nullable = false, precision = 19, scale = 6)
    private BigDecimal valuePerUnit;

    @Column(name = "effective_from", nullable = false)
    private Instant effectiveFrom;

    @Column(name = "set_by", nullable = false)
    private String setBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected UnitValueVersion() {
        this.currency = "";
        this.valuePerUnit = BigDecimal.ZERO;
        this.effectiveFrom = Instant.EPOCH;
        this.setBy = "";
        this.createdAt = Instant.EPOCH;
    }

    UnitValueVersion(Currency currency, BigDecimal valuePerUnit, Instant effectiveFrom, String setBy, Instant createdAt) {
        this.currency = currency.getCurrencyCode();
        this.valuePerUnit = valuePerUnit;
        this.effectiveFrom = effectiveFrom;
        this.setBy = setBy;
        this.createdAt = createdAt;
    }

    UnitValue view() {
        return new UnitValue(id == null ? 0 : id, Currency.getInstance(currency), valuePerUnit, effectiveFrom, setBy);
    }
}
