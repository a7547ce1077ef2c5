package org.burnrate.notification;

/** Published inside the notifying transaction; the mailer acts on it only once that transaction commits. */
record NotificationCreated(long notificationId, long userId, String title, String body) {
}
