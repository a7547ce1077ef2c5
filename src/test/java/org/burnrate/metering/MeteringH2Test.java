package org.burnrate.metering;

import org.burnrate.support.H2Test;

@H2Test
class MeteringH2Test extends MeteringTests {
}
