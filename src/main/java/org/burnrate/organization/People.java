package org.burnrate.organization;

import java.util.EnumSet;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What other modules' services may ask of the people directory on behalf of a caller they have
 * already authorized (a group admin adding a student by email, a system admin appointing a group
 * admin). Not an application service: it trusts its callers' checks.
 */
@Component
@Transactional
public class People {

    private final UserRepository users;
    private final java.time.Clock clock;

    People(UserRepository users, java.time.Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<UserSummary> findByEmail(String email) {
        return users.findByEmail(UserService.normalizeEmail(email)).map(UserService::summary);
    }

    /** Several people in one query, by id. */
    @Transactional(readOnly = true)
    public java.util.Map<Long, UserSummary> findByIds(java.util.Collection<Long> userIds) {
        var found = new java.util.HashMap<Long, UserSummary>();
        users.findAllById(userIds).forEach(user -> found.put(user.getId(), UserService.summary(user)));
        return found;
    }

    @Transactional(readOnly = true)
    public Optional<UserSummary> findById(long userId) {
        return users.findById(userId).map(UserService::summary);
    }

    /**
     * The person with this email, created without a password (so unable to sign in until one is
     * set) when there is none yet. Email and name are checked as {@link UserService#create} does.
     */
    public UserSummary findOrCreate(String email, String displayName) {
        var existing = findByEmail(email);
        if (existing.isPresent()) {
            return existing.get();
        }
        String normalized = UserService.normalizeEmail(email);
        UserService.checkEmail(normalized);
        var user = new User(normalized, UserService.checkDisplayName(displayName), null, java.util.Set.of(),
                clock.instant());
        return UserService.summary(users.save(user));
    }

    public void grant(long userId, GlobalRole role) {
        users.findById(userId).ifPresent(user -> {
            var roles = EnumSet.noneOf(GlobalRole.class);
            roles.addAll(user.roles());
            roles.add(role);
            user.grantRoles(roles);
        });
    }

    public void revoke(long userId, GlobalRole role) {
        users.findById(userId).ifPresent(user -> {
            var roles = EnumSet.noneOf(GlobalRole.class);
            roles.addAll(user.roles());
            roles.remove(role);
            user.grantRoles(roles);
        });
    }
}
