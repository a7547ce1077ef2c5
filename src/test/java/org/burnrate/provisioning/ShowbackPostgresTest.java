package org.burnrate.provisioning;

import org.burnrate.support.PostgresTest;

@PostgresTest
class ShowbackPostgresTest extends ShowbackTests {
}
