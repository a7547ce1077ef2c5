package org.burnrate.provisioning;

import org.burnrate.support.H2Test;

@H2Test
class ProvisioningH2Test extends ProvisioningTests {
}
