package org.burnrate.organization;

import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;

import org.burnrate.security.PortalUser;
import org.burnrate.security.PortalUserDirectory;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Gives security the people it signs in, with their flags as of now. */
@Component
@Transactional(readOnly = true)
class UserDirectory implements PortalUserDirectory {

    private final UserRepository users;
    private final Clock clock;

    UserDirectory(UserRepository users, Clock clock) {
        this.users = users;
        this.clock = clock;
    }

    @Override
    public PortalUser loadUserByUsername(String email) {
        return users.findByEmail(UserService.normalizeEmail(email)).map(this::principal)
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    @Override
    public Optional<PortalUser> findById(long userId) {
        return users.findById(userId).map(this::principal);
    }

    private PortalUser principal(User user) {
        return new PortalUser(user.getId(), user.getEmail(), user.getDisplayName(), user.getPasswordHash(),
                user.roles().stream().map(GlobalRole::roleName).collect(Collectors.toSet()), user.isEnabled(),
                user.isLocked(clock.instant()), user.isPasswordChangeRequired());
    }
}
