package org.burnrate.security;

import java.util.Optional;

/**
 * The tokens with which a provider (an orchestrator outside the portal) reports the usage of its
 * resources, and nothing else: {@code Authorization: Bearer <token>} on {@code POST /api/v1/usage}.
 * A provider module that takes such a token implements this; the API's token filter asks it.
 */
public interface ProviderUsageTokens {

    /** The name of the provider whose usage token this is, if it is one (compared in constant time). */
    Optional<String> providerOf(String token);
}
