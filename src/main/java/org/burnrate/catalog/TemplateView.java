package org.burnrate.catalog;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** A template as services, views and the API show it, with the rate in force now. */
public record TemplateView(long id, String name, String description, TemplateKind kind,
        @Nullable Long parentTemplateId, Billing billing, String provider, Map<String, String> providerParameters,
        @Nullable Integer maxInstancesPerMember, boolean enabled, ExhaustionPolicy exhaustion,
        @Nullable RateVersion currentRate) {

    public TemplateDraft draft() {
        return new TemplateDraft(name, description, kind, parentTemplateId, billing, provider, providerParameters,
                maxInstancesPerMember, enabled, exhaustion);
    }
}
