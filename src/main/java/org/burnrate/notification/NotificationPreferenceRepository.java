package org.burnrate.notification;

import org.springframework.data.jpa.repository.JpaRepository;

interface NotificationPreferenceRepository extends JpaRepository<NotificationPreference, Long> {

    /** Email is on unless the person switched it off. */
    default boolean emailEnabled(long userId) {
        return findById(userId).map(NotificationPreference::emailEnabled).orElse(true);
    }
}
