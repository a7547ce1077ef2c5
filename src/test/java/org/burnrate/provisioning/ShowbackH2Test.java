package org.burnrate.provisioning;

import org.burnrate.support.H2Test;

@H2Test
class ShowbackH2Test extends ShowbackTests {
}
