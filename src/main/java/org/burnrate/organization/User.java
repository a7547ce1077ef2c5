package org.burnrate.organization;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.jspecify.annotations.Nullable;

/**
 * A person who may sign in. State changes go through intent methods that keep the account's
 * flags consistent (a lock-out counts failures and lifts itself; re-enabling clears a lock).
 */
@Entity
@Table(name = "portal_user")
class User {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "portal_user_seq")
    @SequenceGenerator(name = "portal_user_seq", sequenceName = "portal_user_seq", allocationSize = 50)
    private @Nullable Long id;

    @Version
    private long version;

    /** Lower-cased; the sign-in name. */
    @Column(nullable = false, unique = true)
    private String email;

    @Column(name = "display_name", nullable = false)
    private String displayName;

    /** BCrypt; null for a person who has never been given a password (they cannot sign in). */
    @Column(name = "password_hash")
    private @Nullable String passwordHash;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "system_admin", nullable = false)
    private boolean systemAdmin;

    @Column(name = "group_admin", nullable = false)
    private boolean groupAdmin;

    @Column(name = "failed_sign_ins", nullable = false)
    private int failedSignIns;

    @Column(name = "locked_until")
    private @Nullable Instant lockedUntil;

    @Column(name = "password_change_required", nullable = false)
    private boolean passwordChangeRequired;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected User() {
        this.email = "";
        this.displayName = "";
        this.createdAt = Instant.EPOCH;
    }

    User(String email, String displayName, @Nullable String passwordHash, Set<GlobalRole> roles, Instant createdAt) {
        this.email = email;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.systemAdmin = roles.contains(GlobalRole.SYSTEM_ADMIN);
        this.groupAdmin = roles.contains(GlobalRole.GROUP_ADMIN);
        this.createdAt = createdAt;
    }

    void changePassword(String newHash) {
        this.passwordHash = newHash;
        this.passwordChangeRequired = false;
    }

    /** A password someone else chose (an admin, or the start-up generator): its holder must replace it. */
    void resetPassword(String newHash) {
        this.passwordHash = newHash;
        this.passwordChangeRequired = true;
    }

    void disable() {
        this.enabled = false;
    }

    void enable() {
        this.enabled = true;
        unlock();
    }

    void unlock() {
        this.failedSignIns = 0;
        this.lockedUntil = null;
    }

    void grantRoles(Set<GlobalRole> roles) {
        this.systemAdmin = roles.contains(GlobalRole.SYSTEM_ADMIN);
        this.groupAdmin = roles.contains(GlobalRole.GROUP_ADMIN);
    }

    /** Counts a failed sign-in; the limit-th failure in a row locks the account for {@code lockFor}. */
    void recordFailedSignIn(Instant now, int limit, Duration lockFor) {
        if (isLocked(now)) {
            return;
        }
        failedSignIns++;
        if (failedSignIns >= limit) {
            lockedUntil = now.plus(lockFor);
            failedSignIns = 0;
        }
    }

    void recordSuccessfulSignIn() {
        failedSignIns = 0;
    }

    boolean isLocked(Instant now) {
        return isLocked(lockedUntil, now);
    }

    static boolean isLocked(@Nullable Instant lockedUntil, Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    Set<GlobalRole> roles() {
        return roles(systemAdmin, groupAdmin);
    }

    static Set<GlobalRole> roles(boolean systemAdmin, boolean groupAdmin) {
        var roles = EnumSet.noneOf(GlobalRole.class);
        if (systemAdmin) {
            roles.add(GlobalRole.SYSTEM_ADMIN);
        }
        if (groupAdmin) {
            roles.add(GlobalRole.GROUP_ADMIN);
        }
        return roles;
    }

    @Nullable Long getId() {
        return id;
    }

    String getEmail() {
        return email;
    }

    String getDisplayName() {
        return displayName;
    }

    @Nullable String getPasswordHash() {
        return passwordHash;
    }

    boolean isEnabled() {
        return enabled;
    }

    @Nullable Instant getLockedUntil() {
        return lockedUntil;
    }

    boolean isPasswordChangeRequired() {
        return passwordChangeRequired;
    }

    Instant getCreatedAt() {
        return createdAt;
    }
}
