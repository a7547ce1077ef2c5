package org.burnrate.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code portal.notifications}: the sender of notification emails, and the portal's address for
 * the link in them to the notifications page. The mail server itself is Spring Boot's
 * {@code spring.mail.*}.
 */
@ConfigurationProperties("portal.notifications")
record NotificationSettings(@DefaultValue("burnrate@localhost") String from,
        @DefaultValue("http://localhost:8080") String portalUrl) {

    NotificationSettings {
        from = from == null || from.isBlank() ? "burnrate@localhost" : from.strip();
        portalUrl = portalUrl == null || portalUrl.isBlank() ? "http://localhost:8080" : portalUrl.strip();
        while (portalUrl.endsWith("/")) {
            portalUrl = portalUrl.substring(0, portalUrl.length() - 1);
        }
    }

    String notificationsPage() {
        return portalUrl + "/notifications";
    }
}
