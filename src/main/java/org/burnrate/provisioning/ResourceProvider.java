package org.burnrate.provisioning;

import java.util.Map;

/**
 * Does the real work behind a resource: a cloud, an orchestrator, or a simulation. Each call either
 * confirms at once, accepts (and confirms later through a {@link ProviderReport}), or fails.
 * Implementations are Spring beans; a template names its provider by {@link #name()}.
 * <p>
 * Calls happen outside any database transaction, so a slow provider never holds a budget lock.
 */
public interface ResourceProvider {

    String name();

    ProviderResponse create(ProviderRequest request);

    ProviderResponse start(ProviderRequest request);

    ProviderResponse stop(ProviderRequest request);

    ProviderResponse delete(ProviderRequest request);

    ProviderResponse status(ProviderRequest request);

    /**
     * Checks a callback's authenticity and reads it. Providers that take no callbacks refuse them all.
     *
     * @throws CallbackRejectedException when the signature or timestamp is wrong, or the body unreadable
     */
    default ProviderReport readCallback(Map<String, String> headers, byte[] body) {
        throw new CallbackRejectedException("The provider '" + name() + "' takes no callbacks.");
    }
}
