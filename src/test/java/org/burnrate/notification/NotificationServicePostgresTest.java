package org.burnrate.notification;

import org.burnrate.support.PostgresTest;

@PostgresTest
class NotificationServicePostgresTest extends NotificationServiceTests {
}
