package org.burnrate.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

class UserLockOutTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Duration LOCK = Duration.ofMinutes(15);

    private final User user = new User("a@b.test", "A", "hash", Set.of(), NOW);

    @Test
    void fifthFailureInARowLocksForTheLockDuration() {
        for (int i = 0; i < 4; i++) {
            user.recordFailedSignIn(NOW, 5, LOCK);
        }
        assertThat(user.isLocked(NOW)).isFalse();

        user.recordFailedSignIn(NOW, 5, LOCK);

        assertThat(user.isLocked(NOW)).isTrue();
        assertThat(user.isLocked(NOW.plus(LOCK).minusSeconds(1))).isTrue();
        assertThat(user.isLocked(NOW.plus(LOCK))).isFalse();
    }

    @Test
    void aSuccessfulSignInStartsTheCountAgain() {
        for (int i = 0; i < 4; i++) {
            user.recordFailedSignIn(NOW, 5, LOCK);
        }
        user.recordSuccessfulSignIn();
        user.recordFailedSignIn(NOW, 5, LOCK);

        assertThat(user.isLocked(NOW)).isFalse();
    }

    @Test
    void failuresWhileLockedDoNotExtendTheLock() {
        for (int i = 0; i < 5; i++) {
            user.recordFailedSignIn(NOW, 5, LOCK);
        }
        user.recordFailedSignIn(NOW.plusSeconds(600), 5, LOCK);

        assertThat(user.getLockedUntil()).isEqualTo(NOW.plus(LOCK));
    }

    @Test
    void reEnablingLiftsTheLock() {
        for (int i = 0; i < 5; i++) {
            user.recordFailedSignIn(NOW, 5, LOCK);
        }
        user.disable();
        user.enable();

        assertThat(user.isLocked(NOW)).isFalse();
        assertThat(user.isEnabled()).isTrue();
    }
}
