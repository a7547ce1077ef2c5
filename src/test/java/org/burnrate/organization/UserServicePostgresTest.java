package org.burnrate.organization;

import org.burnrate.support.PostgresTest;

@PostgresTest
class UserServicePostgresTest extends UserServiceTests {
}
