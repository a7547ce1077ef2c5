package org.burnrate.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.burnrate.base.NotFoundException;
import org.burnrate.organization.NewUser;
import org.burnrate.organization.People;
import org.burnrate.organization.UserService;
import org.burnrate.security.PortalUserDirectory;
import org.burnrate.security.SystemActor;
import org.burnrate.support.SignIn;
import org.burnrate.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Recording notifications and reading one's own; run on H2 and PostgreSQL by the subclasses. */
abstract class NotificationServiceTests {

    @Autowired
    Notifications notifications;
    @Autowired
    NotificationService service;
    @Autowired
    UserService users;
    @Autowired
    People people;
    @Autowired
    PortalUserDirectory directory;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    TestClock clock;

    String alice;
    long aliceId;
    String bob;
    long bobId;

    @BeforeEach
    void people() {
        alice = person("alice");
        aliceId = people.findByEmail(alice).orElseThrow().id();
        bob = person("bob");
        bobId = people.findByEmail(bob).orElseThrow().id();
    }

    @AfterEach
    void reset() {
        clock.reset();
        SignIn.out();
    }

    @Test
    void aPersonSeesTheirOwnNotificationsNewestFirstAndHowManyAreUnread() {
        notifications.notify(aliceId, "budget.threshold", "CS101 is 50 % spent", "Your allocation is half used.", null);
        clock.advance(Duration.ofMinutes(5));
        notifications.notify(aliceId, "resource.stopped", "lab-vm was stopped", "Your budget ran out.", null);
        notifications.notify(bobId, "budget.threshold", "For Bob", "Not for Alice.", null);

        SignIn.as(directory, alice);
        assertThat(service.unreadCount()).isEqualTo(2);
        var page = service.page(PageRequest.of(0, 10, Sort.by("title")));
        assertThat(page.getContent()).extracting(NotificationSummary::title)
                .containsExactly("lab-vm was stopped", "CS101 is 50 % spent");
        var newest = page.getContent().getFirst();
        assertThat(newest.topic()).isEqualTo("resource.stopped");
        assertThat(newest.body()).isEqualTo("Your budget ran out.");
        assertThat(newest.createdAt()).isEqualTo(clock.instant());
        assertThat(newest.read()).isFalse();
        assertThat(service.page(PageRequest.of(1, 1)).getContent()).extracting(NotificationSummary::title)
                .containsExactly("CS101 is 50 % spent");
        assertThat(service.page(Pageable.unpaged()).getTotalElements()).isEqualTo(2);

        SignIn.as(directory, bob);
        assertThat(service.page(PageRequest.of(0, 10)).getContent()).extracting(NotificationSummary::title)
                .containsExactly("For Bob");
    }

    @Test
    void theSameKeyTellsAPersonOnlyOnceButOthersStillHearIt() {
        assertThat(notifications.notify(aliceId, "budget.threshold", "80 %", "First.", "threshold:resource-17:80"))
                .isTrue();
        assertThat(notifications.notify(aliceId, "budget.threshold", "80 %", "Again.", "threshold:resource-17:80"))
                .isFalse();
        assertThat(notifications.notify(aliceId, "budget.threshold", "95 %", "Next.", "threshold:resource-17:95"))
                .isTrue();
        assertThat(notifications.notify(bobId, "budget.threshold", "80 %", "Bob too.", "threshold:resource-17:80"))
                .isTrue();

        SignIn.as(directory, alice);
        assertThat(service.page(PageRequest.of(0, 10)).getContent()).extracting(NotificationSummary::body)
                .containsExactlyInAnyOrder("First.", "Next.");
    }

    @Test
    void aRefusedDuplicateLeavesTheCallersTransactionUsable() {
        var transaction = new TransactionTemplate(transactionManager);
        transaction.executeWithoutResult(status -> notifications.notify(aliceId, "t", "Once", "", "once"));

        transaction.executeWithoutResult(status -> {
            assertThat(notifications.notify(aliceId, "t", "Once", "", "once")).isFalse();
            assertThat(notifications.notify(aliceId, "t", "And this", "", null)).isTrue();
        });

        SignIn.as(directory, alice);
        assertThat(service.page(PageRequest.of(0, 10)).getContent()).extracting(NotificationSummary::title)
                .containsExactlyInAnyOrder("Once", "And this");
    }

    @Test
    void aNotificationInATransactionThatRollsBackWasNeverToldAndItsKeyStaysFree() {
        var transaction = new TransactionTemplate(transactionManager);
        transaction.executeWithoutResult(status -> {
            notifications.notify(aliceId, "t", "Rolled back", "", "key");
            status.setRollbackOnly();
        });
        SignIn.as(directory, alice);
        assertThat(service.unreadCount()).isZero();

        assertThat(notifications.notify(aliceId, "t", "Told", "", "key")).isTrue();
        assertThat(service.unreadCount()).isEqualTo(1);
    }

    /**
     * Two nodes cross the same threshold at the same moment: each calls in its own transaction,
     * which then goes on to write something else. Exactly one is told, neither sees an exception,
     * and both transactions commit their other work.
     */
    @Test
    void twoCallersWithTheSameKeyAtOnceTellThePersonOnceAndNeitherFails() throws Exception {
        int rounds = 20;
        var executor = Executors.newFixedThreadPool(2);
        try {
            var results = new ArrayList<Future<Boolean>>();
            for (int round = 0; round < rounds; round++) {
                var start = new CyclicBarrier(2);
                String key = "threshold:race-" + round + ":80";
                for (int caller = 0; caller < 2; caller++) {
                    String after = "after " + round + "/" + caller;
                    results.add(executor.submit(inTransaction(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        boolean told = notifications.notify(aliceId, "budget.threshold", "80 %", "Race.", key);
                        notifications.notify(bobId, "audit", after, "", null);
                        return told;
                    })));
                }
            }
            List<Boolean> told = new ArrayList<>();
            for (var result : results) {
                told.add(result.get(60, TimeUnit.SECONDS));
            }
            for (int round = 0; round < rounds; round++) {
                assertThat(told.subList(2 * round, 2 * round + 2)).as("round " + round).containsOnlyOnce(true);
            }
        } finally {
            executor.shutdownNow();
        }

        SignIn.as(directory, alice);
        assertThat(service.page(PageRequest.of(0, 100)).getTotalElements()).isEqualTo(rounds);
        SignIn.as(directory, bob);
        assertThat(service.page(PageRequest.of(0, 100)).getTotalElements()).isEqualTo(2L * rounds);
    }

    @Test
    void markingReadIsOnlyForOnesOwnAndKeepsTheFirstReadTime() {
        notifications.notify(aliceId, "t", "Alice's", "", null);
        notifications.notify(bobId, "t", "Bob's", "", null);
        SignIn.as(directory, bob);
        long bobs = service.page(PageRequest.of(0, 1)).getContent().getFirst().id();

        SignIn.as(directory, alice);
        long alices = service.page(PageRequest.of(0, 1)).getContent().getFirst().id();
        assertThatThrownBy(() -> service.markRead(bobs)).isInstanceOf(NotFoundException.class)
                .hasMessage("There is no notification with id " + bobs + ".");
        assertThatThrownBy(() -> service.markRead(Long.MAX_VALUE)).isInstanceOf(NotFoundException.class)
                .hasMessage("There is no notification with id " + Long.MAX_VALUE + ".");

        var firstRead = clock.instant();
        assertThat(service.markRead(alices).readAt()).isEqualTo(firstRead);
        clock.advance(Duration.ofHours(1));
        assertThat(service.markRead(alices).readAt()).isEqualTo(firstRead);
        assertThat(service.unreadCount()).isZero();

        SignIn.as(directory, bob);
        assertThat(service.unreadCount()).isEqualTo(1);
    }

    @Test
    void markAllReadReadsOnlyTheCallersOwn() {
        notifications.notify(aliceId, "t", "One", "", null);
        notifications.notify(aliceId, "t", "Two", "", null);
        notifications.notify(bobId, "t", "Bob's", "", null);

        SignIn.as(directory, alice);
        assertThat(service.markAllRead()).isEqualTo(2);
        assertThat(service.unreadCount()).isZero();
        assertThat(service.page(PageRequest.of(0, 10)).getContent()).allMatch(NotificationSummary::read);
        assertThat(service.markAllRead()).isZero();

        SignIn.as(directory, bob);
        assertThat(service.unreadCount()).isEqualTo(1);
    }

    @Test
    void emailIsOnUntilAPersonSwitchesItOffForThemselvesOnly() {
        SignIn.as(directory, alice);
        assertThat(service.emailEnabled()).isTrue();
        service.setEmailEnabled(false);
        assertThat(service.emailEnabled()).isFalse();
        service.setEmailEnabled(false);
        assertThat(service.emailEnabled()).isFalse();

        SignIn.as(directory, bob);
        assertThat(service.emailEnabled()).isTrue();

        SignIn.as(directory, alice);
        service.setEmailEnabled(true);
        assertThat(service.emailEnabled()).isTrue();
    }

    @Test
    void nobodyReadsNotificationsWithoutSigningIn() {
        assertThatThrownBy(() -> service.unreadCount()).isInstanceOf(AuthenticationCredentialsNotFoundException.class);
        assertThatThrownBy(() -> service.setEmailEnabled(false))
                .isInstanceOf(AuthenticationCredentialsNotFoundException.class);
    }

    @Test
    void badTopicsAndKeysAreTheCallersBugAndLongTextIsCut() {
        assertThatThrownBy(() -> notifications.notify(aliceId, " ", "Title", "", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> notifications.notify(aliceId, "t", "Title", "", "k".repeat(201)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> notifications.notify(aliceId, "t", "  ", "", null))
                .isInstanceOf(IllegalArgumentException.class);

        notifications.notify(aliceId, "t", "T".repeat(300), "B".repeat(5000), null);
        SignIn.as(directory, alice);
        var stored = service.page(PageRequest.of(0, 1)).getContent().getFirst();
        assertThat(stored.title()).hasSize(200).endsWith("…");
        assertThat(stored.body()).hasSize(4000).endsWith("…");
    }

    private <T> Callable<T> inTransaction(Callable<T> work) {
        var transaction = new TransactionTemplate(transactionManager);
        return () -> transaction.execute(status -> {
            try {
                return work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private String person(String kind) {
        String email = kind + "-" + UUID.randomUUID() + "@notification.test";
        SystemActor.run(() -> users.create(new NewUser(email, "The " + kind, "a long test password", Set.of(), false)));
        return email;
    }
}
