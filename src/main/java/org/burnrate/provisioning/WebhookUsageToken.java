package org.burnrate.provisioning;

import java.util.Optional;

import org.burnrate.security.ProviderUsageTokens;
import org.springframework.stereotype.Component;

/**
 * {@code portal.providers.webhook.usage-token}: the token with which the webhook provider's
 * orchestrator reports usage of its per-operation resources. Unset, it has none, and only system
 * admins report usage.
 */
@Component
class WebhookUsageToken implements ProviderUsageTokens {

    private final WebhookSettings settings;

    WebhookUsageToken(WebhookSettings settings) {
        this.settings = settings;
    }

    @Override
    public String provider() {
        return WebhookProvider.NAME;
    }

    @Override
    public Optional<String> usageToken() {
        return settings.usageToken().isEmpty() ? Optional.empty() : Optional.of(settings.usageToken());
    }
}
