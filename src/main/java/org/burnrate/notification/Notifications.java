package org.burnrate.notification;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;

import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.hibernate.exception.ConstraintViolationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tells a person something, in the caller's transaction: the notification exists exactly when the
 * change it reports was committed, and its email leaves only after that commit. Called by other
 * modules' services (and jobs) after their own checks; not an application service, so it trusts
 * its callers and applies no security of its own.
 */
@Component
@Transactional
public class Notifications {

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);

    private static final int MAX_TOPIC = 60;
    private static final int MAX_TITLE = 200;
    private static final int MAX_BODY = 4000;
    private static final int MAX_DEDUP_KEY = 200;
    /** SQLSTATE of a unique-key violation, the same on PostgreSQL and H2. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final NotificationRepository notifications;
    private final ApplicationEventPublisher events;
    private final EntityManager entityManager;
    private final Clock clock;

    Notifications(NotificationRepository notifications, ApplicationEventPublisher events, EntityManager entityManager,
            Clock clock) {
        this.notifications = notifications;
        this.events = events;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Records a notification for {@code userId} and, after the caller's transaction commits, emails
     * it unless the person switched email off.
     *
     * @param topic    what kind of news this is, e.g. "budget.threshold" or "resource.stopped"
     * @param title    one line; also the email's subject (cut at 200 characters)
     * @param body     the text (cut at 4,000 characters)
     * @param dedupKey when given, e.g. "threshold:resource-17:80", a person is told at most once per
     *                 key: a later call with the same key, or a concurrent one on another node, does
     *                 nothing
     * @return whether a notification was recorded (false: this key was already told)
     */
    public boolean notify(long userId, String topic, String title, String body, @Nullable String dedupKey) {
        var notification = new Notification(userId, checked("topic", topic, MAX_TOPIC),
                cut(required("title", title.strip()), MAX_TITLE),
                cut(body.strip(), MAX_BODY), clock.instant(),
                dedupKey == null ? null : checked("dedupKey", dedupKey, MAX_DEDUP_KEY));
        if (dedupKey != null && notifications.existsByUserIdAndDedupKey(userId, dedupKey)) {
            return false;
        }
        if (!insertUnlessAlreadyTold(notification)) {
            log.debug("User {} was told '{}' concurrently; this one is dropped", userId, dedupKey);
            return false;
        }
        var saved = notification.summary();
        events.publishEvent(new NotificationCreated(saved.id(), userId, saved.title(), saved.body()));
        return true;
    }

    /**
     * Inserts at once, on the transaction's own connection, behind a savepoint: when the unique key
     * refuses the row because someone else told the same thing first (their transaction committed
     * while ours was between the check above and this insert), only the insert is rolled back and
     * the caller's transaction goes on unharmed. On PostgreSQL an insert that meets another
     * transaction's uncommitted row with the same key waits for it, so exactly one of them wins.
     * A stateless session keeps the failed insert out of the caller's persistence context. Hibernate
     * still logs the refused insert as a warning; in such a race that is expected.
     */
    private boolean insertUnlessAlreadyTold(Notification notification) {
        var session = entityManager.unwrap(Session.class);
        return session.doReturningWork(connection -> {
            Savepoint savepoint = connection.setSavepoint();
            try (var insert = session.getSessionFactory().withStatelessOptions().connection(connection)
                    .openStatelessSession()) {
                insert.setJdbcBatchSize(0);
                insert.insert(notification);
            } catch (ConstraintViolationException e) {
                connection.rollback(savepoint);
                if (UNIQUE_VIOLATION.equals(sqlState(e))) {
                    return false;
                }
                throw e;
            } catch (RuntimeException e) {
                connection.rollback(savepoint);
                throw e;
            }
            connection.releaseSavepoint(savepoint);
            return true;
        });
    }

    private static @Nullable String sqlState(ConstraintViolationException e) {
        SQLException cause = e.getSQLException();
        return cause == null ? e.getSQLState() : cause.getSQLState();
    }

    private static String required(String name, String value) {
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** Topics and keys are the calling code's constants, so a bad one is a bug to report, not to cut. */
    private static String checked(String name, String value, int max) {
        if (required(name, value).length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters: '" + value + "'");
        }
        return value;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
