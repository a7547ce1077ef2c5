package org.burnrate.provisioning;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code portal.providers.webhook}: where the orchestrator listens, the shared secret that signs both
 * directions, how long to wait and how often to try, how old a callback may be, and the callback
 * address announced to the orchestrator (none when empty).
 */
@ConfigurationProperties("portal.providers.webhook")
record WebhookSettings(@DefaultValue("") String url, @DefaultValue("") String secret,
        @DefaultValue("PT10S") Duration timeout, @DefaultValue("3") int maxAttempts,
        @DefaultValue("PT0.5S") Duration backoff, @DefaultValue("PT5M") Duration callbackTolerance,
        @DefaultValue("") String callbackUrl, @DefaultValue("") String usageToken) {

    /** A usage token shorter than this is refused at start-up: it is a password for the usage endpoint. */
    static final int MIN_USAGE_TOKEN_LENGTH = 24;

    WebhookSettings {
        url = url == null ? "" : url.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        secret = secret == null ? "" : secret;
        callbackUrl = callbackUrl == null ? "" : callbackUrl.strip();
        usageToken = usageToken == null ? "" : usageToken.strip();
        if (!usageToken.isEmpty() && usageToken.length() < MIN_USAGE_TOKEN_LENGTH) {
            throw new IllegalArgumentException("portal.providers.webhook.usage-token must be at least "
                    + MIN_USAGE_TOKEN_LENGTH + " characters (a random string, for example from openssl rand -hex 24)");
        }
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        backoff = backoff == null ? Duration.ofMillis(500) : backoff;
        callbackTolerance = callbackTolerance == null ? Duration.ofMinutes(5) : callbackTolerance;
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("portal.providers.webhook.timeout must be positive, for example PT10S");
        }
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("portal.providers.webhook.max-attempts is from 1 to 20");
        }
        if (backoff.isNegative()) {
            throw new IllegalArgumentException("portal.providers.webhook.backoff must not be negative");
        }
        if (callbackTolerance.isZero() || callbackTolerance.isNegative()) {
            throw new IllegalArgumentException(
                    "portal.providers.webhook.callback-tolerance must be positive, for example PT5M");
        }
    }

    /** Calls need both the address and the secret. */
    boolean callable() {
        return !url.isEmpty() && !secret.isBlank();
    }

    /** Callbacks need the secret. */
    boolean verifiable() {
        return !secret.isBlank();
    }

    @Override
    public String toString() {
        return "WebhookSettings[url=" + url + ", secret=" + (secret.isEmpty() ? "" : "***") + ", timeout=" + timeout
                + ", maxAttempts=" + maxAttempts + ", backoff=" + backoff + ", callbackTolerance=" + callbackTolerance
                + ", callbackUrl=" + callbackUrl + ", usageToken=" + (usageToken.isEmpty() ? "" : "***") + "]";
    }
}
