/**
 * Notifications: what the portal tells a person (a budget running low, a resource stopped), in the
 * app behind the bell and, unless they switch it off, by email once the change that caused it has
 * committed. Other modules' services record through {@link org.burnrate.notification.Notifications};
 * people read their own through {@link org.burnrate.notification.NotificationService}.
 */
@NullMarked
@ApplicationModule(displayName = "Notifications")
package org.burnrate.notification;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
