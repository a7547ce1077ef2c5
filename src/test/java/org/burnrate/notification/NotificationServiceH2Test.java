package org.burnrate.notification;

import org.burnrate.support.H2Test;

@H2Test
class NotificationServiceH2Test extends NotificationServiceTests {
}
