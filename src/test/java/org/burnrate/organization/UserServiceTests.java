package org.burnrate.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.burnrate.base.ConflictException;
import org.burnrate.base.InvalidInputException;
import org.burnrate.security.PortalUserDirectory;
import org.burnrate.security.SystemActor;
import org.burnrate.support.SignIn;
import org.burnrate.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.authentication.configuration.AuthenticationConfiguration;

/** People and sign-in rules; run on H2 and on PostgreSQL by the subclasses. */
abstract class UserServiceTests {

    static final String PASSWORD = "correct horse battery";

    @Autowired
    UserService users;
    @Autowired
    PortalUserDirectory directory;
    @Autowired
    TestClock clock;
    @Autowired
    AuthenticationConfiguration authenticationConfiguration;

    String admin;
    String instructor;
    String student;

    @BeforeEach
    void people() {
        clock.reset();
        admin = create("admin", Set.of(GlobalRole.SYSTEM_ADMIN));
        instructor = create("instructor", Set.of(GlobalRole.GROUP_ADMIN));
        student = create("student", Set.of());
    }

    @AfterEach
    void signOut() {
        SignIn.out();
    }

    String create(String kind, Set<GlobalRole> roles) {
        String email = kind + "-" + UUID.randomUUID() + "@school.test";
        SystemActor.call(() -> users.create(new NewUser(email, "A " + kind, PASSWORD, roles, false)));
        return email;
    }

    @Test
    void aSystemAdminCreatesAPersonWhoMustReplaceTheInitialPassword() {
        SignIn.as(directory, admin);
        String email = "New.Person-" + UUID.randomUUID() + "@School.test";

        var created = users.create(new NewUser(email, "  New Person ", "initial password 1", Set.of(GlobalRole.GROUP_ADMIN)));

        assertThat(created.email()).isEqualTo(email.toLowerCase());
        assertThat(created.displayName()).isEqualTo("New Person");
        assertThat(created.roles()).containsExactly(GlobalRole.GROUP_ADMIN);
        assertThat(created.passwordChangeRequired()).isTrue();
        assertThat(users.findByEmail(email)).contains(created);
    }

    @Test
    void badInputIsRefusedWithAMessageThatNamesTheProblemAndCreatesNothing() {
        SignIn.as(directory, admin);
        long before = users.count();

        assertThatThrownBy(() -> users.create(new NewUser("not-an-email", "X", null, Set.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not an email address");
        assertThatThrownBy(() -> users.create(new NewUser("x-" + UUID.randomUUID() + "@school.test", " ", null, Set.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("display name is required");
        assertThatThrownBy(() -> users.create(new NewUser("x-" + UUID.randomUUID() + "@school.test", "X", "short", Set.of())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 12 characters");
        assertThatThrownBy(() -> users.create(new NewUser(student.toUpperCase(), "Again", null, Set.of())))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already exists");

        assertThat(users.count()).isEqualTo(before);
    }

    @Test
    void groupAdminsMayCreateRosterPeopleButNotGrantRolesAndStudentsMayDoNeither() {
        SignIn.as(directory, instructor);
        var rosterEntry = users.create(new NewUser("pupil-" + UUID.randomUUID() + "@school.test", "Pupil", null, Set.of()));
        assertThat(rosterEntry.hasPassword()).isFalse();
        assertThat(users.findByEmail(rosterEntry.email())).isPresent();
        assertThatThrownBy(() -> users.create(new NewUser("boss-" + UUID.randomUUID() + "@school.test", "Boss", null,
                Set.of(GlobalRole.SYSTEM_ADMIN)))).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.search("", PageRequest.of(0, 10))).isInstanceOf(AccessDeniedException.class);

        SignIn.as(directory, student);
        assertThatThrownBy(() -> users.create(new NewUser("x-" + UUID.randomUUID() + "@school.test", "X", null, Set.of())))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> users.findByEmail(admin)).isInstanceOf(AccessDeniedException.class);
        assertThat(users.me().email()).isEqualTo(student);
    }

    @Test
    void searchFiltersByNameOrEmailAPageAtATime() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        SystemActor.run(() -> {
            for (int i = 0; i < 7; i++) {
                users.create(new NewUser("p" + i + "-" + tag + "@school.test", "Person " + i, null, Set.of()));
            }
            users.create(new NewUser("other-" + UUID.randomUUID() + "@school.test", "Named " + tag, null, Set.of()));
        });
        SignIn.as(directory, admin);

        var first = users.search(tag.toUpperCase(), PageRequest.of(0, 5, Sort.by("email")));
        var second = users.search(tag, PageRequest.of(1, 5, Sort.by("email")));

        assertThat(first.getTotalElements()).isEqualTo(8);
        assertThat(first.getContent()).hasSize(5);
        assertThat(second.getContent()).hasSize(3);
    }

    @Test
    void aDisabledPersonCannotSignInUntilReEnabled() {
        SignIn.as(directory, admin);
        long id = users.findByEmail(student).orElseThrow().id();

        users.disable(id);
        assertThat(directory.loadUserByUsername(student).isEnabled()).isFalse();
        users.enable(id);
        assertThat(directory.loadUserByUsername(student).isEnabled()).isTrue();

        long self = users.findByEmail(admin).orElseThrow().id();
        assertThatThrownBy(() -> users.disable(self)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("your own account");
    }

    @Test
    void changingOnesPasswordNeedsTheCurrentOneAndClearsTheChangeRequirement() {
        SignIn.as(directory, admin);
        long id = users.findByEmail(student).orElseThrow().id();
        users.resetPassword(id, "set by the admin");
        SignIn.as(directory, student);
        assertThat(users.passwordChangeRequired()).isTrue();

        assertThatThrownBy(() -> users.changeOwnPassword("wrong current one", "my own new password"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("current password is not correct");
        assertThatThrownBy(() -> users.changeOwnPassword("set by the admin", "too short"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("at least 12");
        users.changeOwnPassword("set by the admin", "my own new password");

        assertThat(users.passwordChangeRequired()).isFalse();
        assertThat(authenticate(student, "my own new password").isAuthenticated()).isTrue();
    }

    @Test
    void fiveWrongPasswordsLockTheAccountForFifteenMinutes() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> authenticate(student, "wrong password!")).isInstanceOf(BadCredentialsException.class);
        }

        assertThatThrownBy(() -> authenticate(student, PASSWORD)).isInstanceOf(LockedException.class);
        clock.advance(Duration.ofMinutes(14));
        assertThatThrownBy(() -> authenticate(student, PASSWORD)).isInstanceOf(LockedException.class);
        clock.advance(Duration.ofMinutes(1));
        assertThat(authenticate(student, PASSWORD).isAuthenticated()).isTrue();
    }

    @Test
    void anAdminCanLiftALockOut() {
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> authenticate(instructor, "wrong password!"));
        }
        assertThatThrownBy(() -> authenticate(instructor, PASSWORD)).isInstanceOf(LockedException.class);

        SignIn.as(directory, admin);
        users.unlock(users.findByEmail(instructor).orElseThrow().id());

        assertThat(authenticate(instructor, PASSWORD).isAuthenticated()).isTrue();
    }

    private org.springframework.security.core.Authentication authenticate(String email, String password) {
        try {
            AuthenticationManager manager = authenticationConfiguration.getAuthenticationManager();
            return manager.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(email, password));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
