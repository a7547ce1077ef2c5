package org.burnrate.provisioning;

import org.burnrate.support.H2Test;

@H2Test
class GroupBurnH2Test extends GroupBurnTests {
}
