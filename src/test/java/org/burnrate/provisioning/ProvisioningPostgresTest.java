package org.burnrate.provisioning;

import org.burnrate.support.PostgresTest;

@PostgresTest
class ProvisioningPostgresTest extends ProvisioningTests {
}
