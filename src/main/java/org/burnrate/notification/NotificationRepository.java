package org.burnrate.notification;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface NotificationRepository extends JpaRepository<Notification, Long> {

    Page<Notification> findByUserId(long userId, Pageable pageable);

    Optional<Notification> findByIdAndUserId(long id, long userId);

    long countByUserIdAndReadAtIsNull(long userId);

    boolean existsByUserIdAndDedupKey(long userId, String dedupKey);

    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update Notification n set n.readAt = :at where n.userId = :userId and n.readAt is null")
    int markAllRead(@Param("userId") long userId, @Param("at") Instant at);
}
