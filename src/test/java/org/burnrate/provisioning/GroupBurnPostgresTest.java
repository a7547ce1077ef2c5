package org.burnrate.provisioning;

import org.burnrate.support.PostgresTest;

@PostgresTest
class GroupBurnPostgresTest extends GroupBurnTests {
}
