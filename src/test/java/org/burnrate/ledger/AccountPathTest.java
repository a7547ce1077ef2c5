package org.burnrate.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An account's path, as stored ("/1/5/17/"), read as its chain: the organization first, the account last. */
class AccountPathTest {

    @Test
    void aPathIsReadAsTheChainFromTheOrganizationDownToTheAccount() {
        assertThat(LedgerBatch.chainOf("/1/")).containsExactly(1L);
        assertThat(LedgerBatch.chainOf("/1/5/17/")).containsExactly(1L, 5L, 17L);
        assertThat(LedgerBatch.chainOf("/7/123456789012/42/9/")).containsExactly(7L, 123456789012L, 42L, 9L);
    }
}
