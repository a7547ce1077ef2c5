package org.burnrate.metering;

import org.burnrate.support.PostgresTest;

@PostgresTest
class MeteringPostgresTest extends MeteringTests {
}
