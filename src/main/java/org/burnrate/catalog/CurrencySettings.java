package org.burnrate.catalog;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.burnrate.audit.AuditLog;
import org.burnrate.base.InvalidInputException;
import org.burnrate.security.CurrentUser;
import org.burnrate.security.Roles;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The currency and the value of one unit, as effective-dated versions. A new version may start now
 * or later, never earlier: past ledger lines keep the value they were charged at.
 */
@Service
@Transactional
public class CurrencySettings {

    private final UnitValueVersionRepository versions;
    private final CurrentUser currentUser;
    private final AuditLog audit;
    private final Clock clock;

    CurrencySettings(UnitValueVersionRepository versions, CurrentUser currentUser, AuditLog audit, Clock clock) {
        this.versions = versions;
        this.currentUser = currentUser;
        this.audit = audit;
        this.clock = clock;
    }

    /** The version in force now; empty until a system admin has set one. */
    @PreAuthorize(Roles.IS_SIGNED_IN)
    @Transactional(readOnly = true)
    public Optional<UnitValue> current() {
        return valueAt(clock.instant());
    }

    /** The version in force at {@code at}, the one a ledger line of that moment is valued at. */
    @PreAuthorize(Roles.IS_SIGNED_IN)
    @Transactional(readOnly = true)
    public Optional<UnitValue> valueAt(Instant at) {
        return versions.findFirstByEffectiveFromLessThanEqualOrderByEffectiveFromDescIdDesc(at)
                .map(UnitValueVersion::view);
    }

    /** Every version, newest first, including scheduled ones. */
    @PreAuthorize(Roles.IS_SIGNED_IN)
    @Transactional(readOnly = true)
    public List<UnitValue> history() {
        return versions.findAllByOrderByEffectiveFromDescIdDesc().stream().map(UnitValueVersion::view).toList();
    }

    /** Adds a version effective from {@code effectiveFrom} (now when null). */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public UnitValue set(String currencyCode, BigDecimal unitValue, @Nullable Instant effectiveFrom) {
        var currency = UnitValue.currency(currencyCode);
        var value = UnitValue.value(unitValue);
        var now = clock.instant();
        var from = effectiveFrom == null ? now : effectiveFrom;
        if (from.isBefore(now.minusSeconds(60))) {
            throw new InvalidInputException("effectiveFrom", "A new value cannot start in the past (" + from
                    + "): lines already charged keep the value they were charged at. Choose now or a later time.");
        }
        var before = current();
        var saved = versions.save(new UnitValueVersion(currency, value, from, currentUser.actorName(), now)).view();
        audit.record("Currency and unit value set", "settings: currency",
                before.map(v -> v.currency().getCurrencyCode() + " " + v.valuePerUnit().toPlainString()).orElse(null),
                currency.getCurrencyCode() + " " + value.toPlainString() + " from " + from);
        return saved;
    }
}
