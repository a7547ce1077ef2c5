package org.burnrate.expiry;

import org.burnrate.support.PostgresTest;

@PostgresTest
class ExpiryPostgresTest extends ExpiryTests {
}
