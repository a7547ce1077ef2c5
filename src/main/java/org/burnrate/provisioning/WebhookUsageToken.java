package org.burnrate.provisioning;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import org.burnrate.security.ProviderUsageTokens;
import org.springframework.stereotype.Component;

/**
 * {@code portal.providers.webhook.usage-token}: the token with which the webhook provider's
 * orchestrator reports usage of its per-operation resources. Unset, it has none, and only system
 * admins report usage. Compared as SHA-256 digests in constant time, so that the comparison's
 * duration tells nothing about the token.
 */
@Component
class WebhookUsageToken implements ProviderUsageTokens {

    private final byte[] digest;

    WebhookUsageToken(WebhookSettings settings) {
        this.digest = settings.usageToken().isEmpty() ? new byte[0] : sha256(settings.usageToken());
    }

    @Override
    public Optional<String> providerOf(String token) {
        if (digest.length == 0 || token.isEmpty()) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(digest, sha256(token)) ? Optional.of(WebhookProvider.NAME) : Optional.empty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
