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

    People(UserRepository users) {
        this.users = users;
    }

    @Transactional(readOnly = true)
    public Optional<UserSummary> findByEmail(String email) {
        return users.findByEmail(UserService.normalizeEmail(email)).map(UserService::summary);
    }

    @Transactional(readOnly = true)
    public Optional<UserSummary> findById(long userId) {
        return users.findById(userId).map(UserService::summary);
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
