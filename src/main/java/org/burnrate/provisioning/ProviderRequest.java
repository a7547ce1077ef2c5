package org.burnrate.provisioning;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/** What a provider is told about the resource it acts on. */
public record ProviderRequest(long resourceId, String name, long groupId, long templateId, String templateName,
        Map<String, String> parameters, @Nullable String providerRef, @Nullable Long parentResourceId) {
}
