package org.burnrate.organization;

import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.burnrate.audit.AuditLog;
import org.burnrate.base.ConflictException;
import org.burnrate.base.InvalidInputException;
import org.burnrate.base.NotFoundException;
import org.burnrate.security.CurrentUser;
import org.burnrate.security.Roles;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * People: the system admin manages everyone; group admins may create and look up people to put
 * on their rosters; everybody manages their own password.
 */
@Service
@Transactional
public class UserService {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    static final int MAX_EMAIL_LENGTH = 254;
    static final int MAX_NAME_LENGTH = 200;

    private final UserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final PasswordRules passwordRules;
    private final CurrentUser currentUser;
    private final Clock clock;
    private final AuditLog audit;

    UserService(UserRepository users, PasswordEncoder passwordEncoder, PasswordRules passwordRules,
            CurrentUser currentUser, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.passwordRules = passwordRules;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** Everyone whose email or name contains {@code filter} (case-insensitive), a page at a time. */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    @Transactional(readOnly = true)
    public Page<UserSummary> search(String filter, Pageable pageable) {
        String pattern = "%" + filter.strip().toLowerCase(Locale.ROOT).replace("%", "") + "%";
        return users.search(pattern, pageable).map(UserService::summary);
    }

    @PreAuthorize(Roles.IS_ADMIN)
    @Transactional(readOnly = true)
    public Optional<UserSummary> findByEmail(String email) {
        return users.findByEmail(normalizeEmail(email)).map(UserService::summary);
    }

    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    @Transactional(readOnly = true)
    public long count() {
        return users.count();
    }

    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    @Transactional(readOnly = true)
    public UserSummary get(long userId) {
        return summary(load(userId));
    }

    /**
     * Creates a person. Group admins may create people for their rosters but only a system admin
     * may grant roles.
     */
    @PreAuthorize(Roles.IS_ADMIN)
    public UserSummary create(NewUser request) {
        String email = normalizeEmail(request.email());
        checkEmail(email);
        String displayName = checkDisplayName(request.displayName());
        if (!request.roles().isEmpty() && !currentUserIsSystemAdmin()) {
            throw new AccessDeniedException("Only a system admin can grant roles.");
        }
        String hash = null;
        if (request.password() != null && !request.password().isEmpty()) {
            passwordRules.check("password", request.password(), email);
            hash = passwordEncoder.encode(request.password());
        }
        if (users.existsByEmail(email)) {
            throw new ConflictException("A person with the email " + email + " already exists.");
        }
        var user = new User(email, displayName, null, request.roles(), clock.instant());
        if (hash != null && request.temporaryPassword()) {
            user.resetPassword(hash);
        } else if (hash != null) {
            user.changePassword(hash);
        }
        var created = summary(users.save(user));
        audit.record("Person created", subject(created), null, "roles " + created.roles());
        return created;
    }

    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public UserSummary disable(long userId) {
        var user = load(userId);
        if (Objects.equals(user.getId(), currentUser.require().id())) {
            throw new InvalidInputException("You cannot disable your own account.");
        }
        if (user.isEnabled() && user.roles().contains(GlobalRole.SYSTEM_ADMIN)
                && users.countBySystemAdminTrueAndEnabledTrue() <= 1) {
            throw new InvalidInputException("This is the last enabled system admin; appoint another one first.");
        }
        user.disable();
        audit.record("Account disabled", subject(summary(user)), "enabled", "disabled");
        return summary(user);
    }

    /** Re-enables an account and lifts any lock-out. */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public UserSummary enable(long userId) {
        var user = load(userId);
        boolean wasEnabled = user.isEnabled();
        user.enable();
        audit.record("Account re-enabled", subject(summary(user)), wasEnabled ? "enabled" : "disabled", "enabled");
        return summary(user);
    }

    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public UserSummary unlock(long userId) {
        var user = load(userId);
        user.unlock();
        audit.record("Lock-out lifted", subject(summary(user)), null, null);
        return summary(user);
    }

    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public UserSummary changeRoles(long userId, Set<GlobalRole> roles) {
        var user = load(userId);
        if (Objects.equals(user.getId(), currentUser.require().id()) && !roles.contains(GlobalRole.SYSTEM_ADMIN)) {
            throw new InvalidInputException("You cannot take the system-admin role from yourself.");
        }
        var before = user.roles();
        user.grantRoles(roles);
        audit.record("Roles changed", subject(summary(user)), before, user.roles());
        return summary(user);
    }

    /** Sets a password chosen by an admin; its holder must replace it at the next sign-in. */
    @PreAuthorize(Roles.IS_SYSTEM_ADMIN)
    public UserSummary resetPassword(long userId, String newPassword) {
        var user = load(userId);
        passwordRules.check("password", newPassword, user.getEmail());
        user.resetPassword(passwordEncoder.encode(newPassword));
        user.unlock();
        audit.record("Password reset by an admin", subject(summary(user)), null, null);
        return summary(user);
    }

    @PreAuthorize(Roles.IS_SIGNED_IN)
    @Transactional(readOnly = true)
    public UserSummary me() {
        return summary(load(currentUser.require().id()));
    }

    @PreAuthorize(Roles.IS_SIGNED_IN)
    @Transactional(readOnly = true)
    public boolean passwordChangeRequired() {
        return currentUser.get().flatMap(user -> users.findById(user.id()))
                .map(User::isPasswordChangeRequired).orElse(false);
    }

    @PreAuthorize(Roles.IS_SIGNED_IN)
    public void changeOwnPassword(String currentPassword, String newPassword) {
        var user = load(currentUser.require().id());
        String hash = user.getPasswordHash();
        if (hash == null || !passwordEncoder.matches(currentPassword, hash)) {
            throw new InvalidInputException("currentPassword", "The current password is not correct.");
        }
        if (currentPassword.equals(newPassword)) {
            throw new InvalidInputException("newPassword", "Choose a password different from the current one.");
        }
        passwordRules.check("newPassword", newPassword, user.getEmail());
        user.changePassword(passwordEncoder.encode(newPassword));
        audit.record("Own password changed", subject(summary(user)), null, null);
    }

    private static String subject(UserSummary user) {
        return "person " + user.id() + " <" + user.email() + ">";
    }

    private boolean currentUserIsSystemAdmin() {
        return currentUser.hasRole(Roles.SYSTEM_ADMIN);
    }

    private User load(long userId) {
        return users.findById(userId)
                .orElseThrow(() -> new NotFoundException("There is no person with id " + userId + "."));
    }

    static String normalizeEmail(@Nullable String email) {
        return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    }

    static void checkEmail(String email) {
        if (email.isEmpty()) {
            throw new InvalidInputException("email", "An email address is required; it is the sign-in name.");
        }
        if (email.length() > MAX_EMAIL_LENGTH || !EMAIL.matcher(email).matches()) {
            throw new InvalidInputException("email", "'" + email + "' is not an email address like name@example.org.");
        }
    }

    static String checkDisplayName(@Nullable String displayName) {
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty()) {
            throw new InvalidInputException("displayName", "A display name is required, for example 'Ada Lovelace'.");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("displayName", "A display name has at most " + MAX_NAME_LENGTH + " characters.");
        }
        return name;
    }

    static UserSummary summary(User user) {
        return new UserSummary(Objects.requireNonNull(user.getId()), user.getEmail(), user.getDisplayName(),
                user.roles(), user.isEnabled(), user.getLockedUntil(), user.isPasswordChangeRequired(),
                user.getPasswordHash() != null, user.getCreatedAt());
    }
}
