package org.burnrate.ledger;

import org.burnrate.support.PostgresTest;

@PostgresTest
class LedgerPostgresTest extends LedgerTests {
}
