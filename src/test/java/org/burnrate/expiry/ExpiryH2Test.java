package org.burnrate.expiry;

import org.burnrate.support.H2Test;

@H2Test
class ExpiryH2Test extends ExpiryTests {
}
