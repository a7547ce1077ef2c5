package org.burnrate.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.burnrate.organization.NewUser;
import org.burnrate.organization.People;
import org.burnrate.organization.UserService;
import org.burnrate.security.PortalUserDirectory;
import org.burnrate.security.SystemActor;
import org.burnrate.support.H2Test;
import org.burnrate.support.SignIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * Notification emails against an in-process SMTP server (GreenMail), in a context of its own with
 * {@code spring.mail.host} set. Emails leave on one mail thread in order, so to show that something
 * was not sent, a test tells a "sentinel" person afterwards and waits for that email: anything
 * sent before it would have arrived first.
 */
@H2Test
@TestPropertySource(properties = {"portal.notifications.from=portal@burnrate.test",
        "portal.notifications.portal-url=https://portal.example.edu/"})
class NotificationEmailTest {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

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

    String sentinel;

    @BeforeEach
    void emptyMailboxes() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        sentinel = person("sentinel");
    }

    @AfterEach
    void signOut() {
        SignIn.out();
    }

    @Test
    void aNotificationArrivesOnceAtThePersonsAddressAfterCommit() throws Exception {
        String ada = person("ada");
        long adaId = id(ada);
        var transaction = new TransactionTemplate(transactionManager);
        transaction.executeWithoutResult(status -> {
            notifications.notify(adaId, "budget.threshold", "CS101: 80 % of your allocation is spent",
                    "80 of your 100 units are spent.", "threshold:allocation-1:80");
            notifications.notify(adaId, "budget.threshold", "CS101: 80 % of your allocation is spent",
                    "Told twice by mistake.", "threshold:allocation-1:80");
        });

        var received = receivedAfterSentinel();
        assertThat(received).hasSize(1);
        var email = received.getFirst();
        assertThat(recipients(email)).containsExactly(ada);
        assertThat(email.getFrom()[0].toString()).isEqualTo("portal@burnrate.test");
        assertThat(email.getSubject()).isEqualTo("CS101: 80 % of your allocation is spent");
        assertThat(GreenMailUtil.getBody(email)).contains("80 of your 100 units are spent.")
                .contains("https://portal.example.edu/notifications").doesNotContain("Told twice");
    }

    @Test
    void nothingIsSentToAPersonWhoSwitchedEmailOffButTheNotificationStays() throws Exception {
        String ben = person("ben");
        SignIn.as(directory, ben);
        service.setEmailEnabled(false);
        SignIn.out();

        notifications.notify(id(ben), "resource.stopped", "lab-vm was stopped", "Your budget ran out.", null);

        assertThat(receivedAfterSentinel()).isEmpty();
        SignIn.as(directory, ben);
        assertThat(service.unreadCount()).isEqualTo(1);
    }

    @Test
    void aNotificationInATransactionThatRollsBackSendsNothing() throws Exception {
        String cleo = person("cleo");
        long cleoId = id(cleo);
        new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
            notifications.notify(cleoId, "resource.stopped", "lab-vm was stopped", "Never happened.", null);
            status.setRollbackOnly();
        });

        assertThat(receivedAfterSentinel()).isEmpty();
    }

    @Test
    void thePortalKnowsItCanSendEmail() {
        SignIn.as(directory, sentinel);
        assertThat(service.emailConfigured()).isTrue();
    }

    /** Everything received before the sentinel's email, which is sent last and so arrives last. */
    private List<MimeMessage> receivedAfterSentinel() {
        notifications.notify(id(sentinel), "test", "Sentinel", "Sent last.", null);
        for (int count = 1; ; count++) {
            assertThat(smtp.waitForIncomingEmail(10_000, count)).as("the sentinel's email arrives").isTrue();
            var received = Arrays.asList(smtp.getReceivedMessages());
            if ("Sentinel".equals(subject(received.getLast()))) {
                return received.subList(0, received.size() - 1);
            }
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> recipients(MimeMessage message) throws MessagingException {
        return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
    }

    private long id(String email) {
        return people.findByEmail(email).orElseThrow().id();
    }

    private String person(String kind) {
        String email = kind + "-" + UUID.randomUUID() + "@mail.test";
        SystemActor.run(() -> users.create(new NewUser(email, "The " + kind, "a long test password", Set.of(), false)));
        return email;
    }
}
