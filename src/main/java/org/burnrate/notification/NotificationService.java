package org.burnrate.notification;

import java.time.Clock;

import org.burnrate.base.NotFoundException;
import org.burnrate.security.CurrentUser;
import org.burnrate.security.Roles;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A signed-in person's own notifications and their email switch. Nobody sees anyone else's. */
@Service
@Transactional
public class NotificationService {

    private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id"));

    private final NotificationRepository notifications;
    private final NotificationPreferenceRepository preferences;
    private final NotificationMailer mailer;
    private final CurrentUser currentUser;
    private final Clock clock;

    NotificationService(NotificationRepository notifications, NotificationPreferenceRepository preferences,
            NotificationMailer mailer, CurrentUser currentUser, Clock clock) {
        this.notifications = notifications;
        this.preferences = preferences;
        this.mailer = mailer;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    @PreAuthorize(Roles.IS_SIGNED_IN)
    @Transactional(readOnly = true)
    public long unreadCount() {
        return notifications.countByUserIdAndReadAtIsNull(me());
    }

    /** The caller's notifications, newest first whatever order {@code pageable} asks for. */
    @PreAuthorize(Roles.IS_SIGNED_IN)
    @Transactional(readOnly = true)
    public Page<NotificationSummary> page(Pageable pageable) {
        var newestFirst = pageable.isPaged()
                ? PageRequest.of(pageable.getPageNumber(), pageable.getPageSize(), NEWEST_FIRST)
                : Pageable.unpaged(NEWEST_FIRST);
        return notifications.findByUserId(me(), newestFirst).map(Notification::summary);
    }

    /** Marks one of the caller's notifications read; reading it again changes nothing. */
    @PreAuthorize(Roles.IS_SIGNED_IN)
    public NotificationSummary markRead(long id) {
        var notification = notifications.findByIdAndUserId(id, me())
                .orElseThrow(() -> new NotFoundException("There is no notification with id " + id + "."));
        notification.markRead(clock.instant());
        return notification.summary();
    }

    /** @return how many were unread */
    @PreAuthorize(Roles.IS_SIGNED_IN)
    public int markAllRead() {
        return notifications.markAllRead(me(), clock.instant());
    }

    /** Whether the caller also gets their notifications by email (yes unless they switched it off). */
    @PreAuthorize(Roles.IS_SIGNED_IN)
    @Transactional(readOnly = true)
    public boolean emailEnabled() {
        return preferences.emailEnabled(me());
    }

    @PreAuthorize(Roles.IS_SIGNED_IN)
    public void setEmailEnabled(boolean enabled) {
        long userId = me();
        preferences.findById(userId).ifPresentOrElse(preference -> preference.emailEnabled(enabled, clock.instant()),
                () -> preferences.save(new NotificationPreference(userId, enabled, clock.instant())));
    }

    /** Whether this portal has a mail server at all; without one the email switch has no effect. */
    @PreAuthorize(Roles.IS_SIGNED_IN)
    public boolean emailConfigured() {
        return mailer.configured();
    }

    private long me() {
        return currentUser.require().id();
    }
}
