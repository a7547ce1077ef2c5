package org.burnrate.organization;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.stream.Collectors;

import org.burnrate.security.PortalUser;
import org.burnrate.security.PortalUserDirectory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Gives security the people it signs in, with their flags as of now. */
@Component
class UserDirectory implements PortalUserDirectory {

    private final UserRepository users;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    UserDirectory(UserRepository users, JdbcTemplate jdbc, Clock clock) {
        this.users = users;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public PortalUser loadUserByUsername(String email) {
        return users.findByEmail(UserService.normalizeEmail(email)).map(this::principal)
                .orElseThrow(() -> new UsernameNotFoundException("No such user"));
    }

    /**
     * Read as one plain statement, in the caller's transaction if there is one and without one
     * otherwise: every API request asks, and the entity is not needed to answer. Not transactional
     * itself: outside a transaction, an empty one opened and committed around the statement took
     * twice as long as the statement (JFR, usage through the API).
     */
    @Override
    public Optional<PortalUser> findById(long userId) {
        var now = clock.instant();
        return jdbc.query("""
                select id, email, display_name, password_hash, system_admin, group_admin, enabled, locked_until,
                    password_change_required
                from portal_user where id = ?""", (row, n) -> {
            var lockedUntil = row.getObject(8, OffsetDateTime.class);
            return new PortalUser(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                    User.roles(row.getBoolean(5), row.getBoolean(6)).stream().map(GlobalRole::roleName)
                            .collect(Collectors.toSet()), row.getBoolean(7),
                    User.isLocked(lockedUntil == null ? null : lockedUntil.toInstant(), now), row.getBoolean(9));
        }, userId).stream().findFirst();
    }

    private PortalUser principal(User user) {
        return new PortalUser(user.getId(), user.getEmail(), user.getDisplayName(), user.getPasswordHash(),
                user.roles().stream().map(GlobalRole::roleName).collect(Collectors.toSet()), user.isEnabled(),
                user.isLocked(clock.instant()), user.isPasswordChangeRequired());
    }
}
