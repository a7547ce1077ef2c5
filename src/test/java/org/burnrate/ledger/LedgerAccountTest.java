package org.burnrate.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.burnrate.base.ConsumptionUnits;
import org.junit.jupiter.api.Test;

/** An account's figures, without a database. */
class LedgerAccountTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @Test
    void availableIsAllocatedMinusConsumedMinusHeldAndUnallocatedIgnoresConsumption() {
        var account = new LedgerAccount(AccountKind.GROUP, null, "CS101", false, false, NOW);
        account.receive(ConsumptionUnits.of(1000));
        account.handOut(ConsumptionUnits.of(300));
        account.consume(ConsumptionUnits.of(120));
        account.hold(ConsumptionUnits.of(48));

        assertThat(account.available()).isEqualTo(ConsumptionUnits.of(832));
        assertThat(account.unallocated()).isEqualTo(ConsumptionUnits.of(700));
    }

    @Test
    void anUnlimitedPoolHasNoAvailableFigure() {
        var pool = new LedgerAccount(AccountKind.ORGANIZATION, null, "Pool", true, false, NOW);
        pool.handOut(ConsumptionUnits.of(5000));

        assertThat(pool.available()).isNull();
        assertThat(pool.unallocated()).isNull();
    }

    @Test
    void aLineNeverCarriesANegativeAmount() {
        assertThatThrownBy(() -> new LedgerLine(1, null, LineType.DEBIT, ConsumptionUnits.of(-1), NOW, "system",
                "bad", null, null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
