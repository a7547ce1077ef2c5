package org.burnrate.ledger;

import org.burnrate.support.H2Test;

@H2Test
class LedgerH2Test extends LedgerTests {
}
