package org.burnrate.notification;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import org.burnrate.organization.People;
import org.burnrate.organization.UserSummary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/** A mail server that refuses is logged and forgotten: the notification is already committed. */
class NotificationMailerTest {

    @Test
    @SuppressWarnings("unchecked")
    void aFailingMailServerIsLoggedAndNeverThrown() throws Exception {
        var sender = mock(JavaMailSender.class);
        doThrow(new MailSendException("connection refused")).when(sender).send(any(SimpleMailMessage.class));
        ObjectProvider<JavaMailSender> senders = mock(ObjectProvider.class);
        when(senders.getIfAvailable()).thenReturn(sender);
        var preferences = mock(NotificationPreferenceRepository.class);
        when(preferences.emailEnabled(7)).thenReturn(true);
        var people = mock(People.class);
        when(people.findById(7)).thenReturn(Optional.of(new UserSummary(7, "ada@mail.test", "Ada", Set.of(), true,
                null, false, true, Instant.EPOCH)));
        var mailer = new NotificationMailer(senders, preferences, people,
                new NotificationSettings("portal@burnrate.test", "http://localhost:8080"));

        assertThatCode(() -> mailer.send(new NotificationCreated(1, 7, "Title", "Body"))).doesNotThrowAnyException();
        mailer.destroy();

        verify(sender).send(any(SimpleMailMessage.class));
    }
}
