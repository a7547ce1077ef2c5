package org.burnrate.organization;

import org.burnrate.support.H2Test;

@H2Test
class UserServiceH2Test extends UserServiceTests {
}
