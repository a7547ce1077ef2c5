package org.burnrate.security;

import java.util.Optional;

/**
 * The token with which a provider (an orchestrator outside the portal) reports the usage of its
 * resources, and nothing else: {@code Authorization: Bearer <token>} on {@code POST /api/v1/usage}.
 * A provider module that takes such a token implements this; the API's token filter compares what
 * callers send with it, hashed and in constant time.
 */
public interface ProviderUsageTokens {

    /** The provider's name, as templates name it. */
    String provider();

    /** Its usage token, when one is configured. */
    Optional<String> usageToken();
}
