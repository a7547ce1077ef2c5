package org.burnrate.notification;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.burnrate.organization.People;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Emails a notification once the transaction that recorded it has committed, so a rolled-back
 * change never sends mail. Sending happens on one thread of its own, in order, so that neither a
 * slow mail server nor a failing one holds up or fails the work that caused the notification; a
 * failure is logged and the notification stays in the app. Without {@code spring.mail.host} Spring
 * Boot creates no mail sender and nothing is sent.
 */
@Component
class NotificationMailer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NotificationMailer.class);

    private final @Nullable JavaMailSender sender;
    private final NotificationPreferenceRepository preferences;
    private final People people;
    private final NotificationSettings settings;
    private final ExecutorService outbox;

    NotificationMailer(ObjectProvider<JavaMailSender> sender, NotificationPreferenceRepository preferences,
            People people, NotificationSettings settings) {
        this.sender = sender.getIfAvailable();
        this.preferences = preferences;
        this.people = people;
        this.settings = settings;
        this.outbox = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("notification-mail").daemon(true).factory());
        if (this.sender == null) {
            log.info("Notification emails are off: spring.mail.host is not set. Notifications still show in the app.");
        }
    }

    boolean configured() {
        return sender != null;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    void send(NotificationCreated notification) {
        if (sender != null) {
            outbox.execute(() -> sendNow(sender, notification));
        }
    }

    private void sendNow(JavaMailSender sender, NotificationCreated notification) {
        try {
            if (!preferences.emailEnabled(notification.userId())) {
                return;
            }
            var recipient = people.findById(notification.userId()).filter(person -> person.enabled());
            if (recipient.isEmpty()) {
                return;
            }
            var message = new SimpleMailMessage();
            message.setFrom(settings.from());
            message.setTo(recipient.get().email());
            message.setSubject(notification.title());
            message.setText(notification.body() + "\n\n-- \nAll your notifications, and the switch for these emails: "
                    + settings.notificationsPage() + "\n");
            sender.send(message);
        } catch (RuntimeException e) {
            log.warn("Could not email notification {} to user {}: {}", notification.notificationId(),
                    notification.userId(), e.toString());
        }
    }

    /** Lets queued emails go out before the portal stops, but not for ever. */
    @Override
    public void destroy() throws InterruptedException {
        outbox.shutdown();
        if (!outbox.awaitTermination(10, TimeUnit.SECONDS)) {
            log.warn("Notification emails still queued at shut-down were not sent: {}", outbox.shutdownNow().size());
        }
    }
}
