package org.burnrate.organization;

import java.time.Clock;

import org.burnrate.security.SignInPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed sign-ins (login form and HTTP Basic alike) and locks an account after
 * {@link SignInPolicy#maxFailedAttempts()} in a row, for {@link SignInPolicy#lockDuration()}.
 */
@Component
class SignInAttempts {

    private static final Logger log = LoggerFactory.getLogger(SignInAttempts.class);

    private final UserRepository users;
    private final SignInPolicy policy;
    private final Clock clock;

    SignInAttempts(UserRepository users, SignInPolicy policy, Clock clock) {
        this.users = users;
        this.policy = policy;
        this.clock = clock;
    }

    @EventListener
    @Transactional
    public void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        users.findByEmail(UserService.normalizeEmail(event.getAuthentication().getName())).ifPresent(user -> {
            var now = clock.instant();
            user.recordFailedSignIn(now, policy.maxFailedAttempts(), policy.lockDuration());
            if (user.isLocked(now)) {
                log.warn("Account {} locked until {} after {} failed sign-ins", user.getId(), user.getLockedUntil(),
                        policy.maxFailedAttempts());
            }
        });
    }

    @EventListener
    @Transactional
    public void onSuccess(AuthenticationSuccessEvent event) {
        users.findByEmail(UserService.normalizeEmail(event.getAuthentication().getName()))
                .ifPresent(User::recordSuccessfulSignIn);
    }
}
