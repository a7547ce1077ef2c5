package org.burnrate.provisioning;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands the work to an external orchestrator: each action is a signed JSON {@code POST} to
 * {@code {url}/resources/{action}}. A 2xx answer naming a {@code state} confirms it; any other 2xx
 * accepts it, and the orchestrator confirms later with a signed callback to
 * {@code POST /api/v1/provider-callbacks/webhook}. A 4xx is a refusal and is not retried; a 5xx,
 * a timeout or a broken connection is retried with exponential backoff.
 */
@Component
class WebhookProvider implements ResourceProvider, DisposableBean {

    static final String NAME = "webhook";
    static final String NOT_CONFIGURED =
            "The webhook provider is not configured: set portal.providers.webhook.url and .secret";
    /** The longest provider reference the resource table keeps. */
    static final int MAX_PROVIDER_REF = 200;
    private static final int MAX_MESSAGE = 1000;
    private static final int MAX_EXCERPT = 200;

    private static final Logger log = LoggerFactory.getLogger(WebhookProvider.class);

    /** Waits between attempts; tests record the waits instead. */
    @FunctionalInterface
    interface Sleeper {

        Sleeper THREAD = Thread::sleep;

        void sleep(Duration duration) throws InterruptedException;
    }

    private final WebhookSettings settings;
    private final @Nullable WebhookSignature signature;
    private final JsonMapper json;
    private final Clock clock;
    private final Sleeper sleeper;
    private final HttpClient client;

    @Autowired
    WebhookProvider(WebhookSettings settings, JsonMapper json, Clock clock) {
        this(settings, json, clock, Sleeper.THREAD);
    }

    WebhookProvider(WebhookSettings settings, JsonMapper json, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.signature = settings.verifiable() ? new WebhookSignature(settings.secret()) : null;
        this.json = json;
        this.clock = clock;
        this.sleeper = sleeper;
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ProviderResponse create(ProviderRequest request) {
        return call("create", request);
    }

    @Override
    public ProviderResponse start(ProviderRequest request) {
        return call("start", request);
    }

    @Override
    public ProviderResponse stop(ProviderRequest request) {
        return call("stop", request);
    }

    @Override
    public ProviderResponse delete(ProviderRequest request) {
        return call("delete", request);
    }

    @Override
    public ProviderResponse status(ProviderRequest request) {
        return call("status", request);
    }

    // --- calls out -------------------------------------------------------------------------------

    /** One attempt's result: a final answer, or a reason to try again. */
    private record Attempt(@Nullable ProviderResponse answer, @Nullable String retryBecause) {

        static Attempt done(ProviderResponse answer) {
            return new Attempt(answer, null);
        }

        static Attempt retry(String reason) {
            return new Attempt(null, reason);
        }
    }

    private ProviderResponse call(String action, ProviderRequest request) {
        if (!settings.callable() || signature == null) {
            return ProviderResponse.failed(NOT_CONFIGURED);
        }
        URI uri;
        try {
            uri = URI.create(settings.url() + "/resources/" + action);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("not http or https");
            }
        } catch (IllegalArgumentException e) {
            return ProviderResponse.failed("The webhook provider's portal.providers.webhook.url '" + settings.url()
                    + "' is not an http(s) address: " + e.getMessage());
        }
        byte[] body = requestBody(action, request);
        String lastReason = "no attempt was made";
        int attempts = settings.maxAttempts();
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                try {
                    sleeper.sleep(backoffBefore(attempt));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ProviderResponse.failed(limit("The webhook provider was interrupted before attempt "
                            + attempt + " to " + action + "; the last attempt failed: " + lastReason));
                }
            }
            var result = attempt(uri, action, body);
            if (result.answer() != null) {
                return result.answer();
            }
            lastReason = result.retryBecause() == null ? "unknown" : result.retryBecause();
            log.warn("Webhook {} of resource {}: attempt {} of {} failed: {}", action, request.resourceId(), attempt,
                    attempts, lastReason);
        }
        return ProviderResponse.failed(limit("The webhook provider gave up after " + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + " to " + action + ": " + lastReason));
    }

    /** backoff before the 2nd attempt, twice that before the 3rd, and so on. */
    private Duration backoffBefore(int attempt) {
        return settings.backoff().multipliedBy(1L << Math.min(attempt - 2, 20));
    }

    private Attempt attempt(URI uri, String action, byte[] body) {
        long timestamp = clock.instant().getEpochSecond();
        var request = HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, signature().sign(timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            return Attempt.retry("timed out: no answer within " + settings.timeout().toMillis() + " ms (timeout)");
        } catch (IOException e) {
            return Attempt.retry(describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Attempt.done(ProviderResponse.failed("The webhook provider was interrupted while waiting for the "
                    + "answer to " + action + "."));
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return Attempt.done(answered(action, response.body()));
        }
        if (status >= 500) {
            return Attempt.retry("HTTP " + status + excerpt(response.body()));
        }
        return Attempt.done(ProviderResponse.failed(limit("The webhook provider refused to " + action + " (HTTP "
                + status + ")" + excerpt(response.body()))));
    }

    private byte[] requestBody(String action, ProviderRequest request) {
        var node = json.createObjectNode();
        node.put("action", action);
        node.put("resourceId", request.resourceId());
        node.put("name", request.name());
        node.put("groupId", request.groupId());
        node.put("templateId", request.templateId());
        node.put("templateName", request.templateName());
        var parameters = node.putObject("parameters");
        request.parameters().forEach((key, value) -> parameters.put(key, value));
        node.put("providerRef", request.providerRef());
        node.put("parentResourceId", request.parentResourceId());
        node.put("callbackUrl", settings.callbackUrl().isEmpty() ? null : settings.callbackUrl());
        return json.writeValueAsBytes(node);
    }

    /** A 2xx: confirmed when the body names a state, else accepted. */
    private ProviderResponse answered(String action, byte[] body) {
        JsonNode node = null;
        if (!isBlank(body)) {
            try {
                node = json.readTree(body);
            } catch (JacksonException e) {
                log.debug("Webhook {}: the 2xx answer is not JSON; taken as accepted", action);
            }
        }
        if (node == null || !node.isObject()) {
            return ProviderResponse.accepted(null);
        }
        String ref = scalar(node, "providerRef");
        if (ref != null && ref.length() > MAX_PROVIDER_REF) {
            return ProviderResponse.failed("The webhook provider answered " + action + " with a providerRef of "
                    + ref.length() + " characters; at most " + MAX_PROVIDER_REF + " are kept.");
        }
        String stateName = scalar(node, "state");
        if (stateName == null) {
            return ProviderResponse.accepted(ref);
        }
        var state = state(stateName);
        if (state == null) {
            log.warn("Webhook {}: the answer names an unknown state '{}'; taken as accepted", action, stateName);
            return ProviderResponse.accepted(ref);
        }
        Instant at = clock.instant();
        String atText = scalar(node, "at");
        if (atText != null) {
            try {
                at = Instant.parse(atText);
            } catch (DateTimeParseException e) {
                log.warn("Webhook {}: the answer's 'at' ({}) is not an ISO instant; now is used", action, atText);
            }
        }
        return ProviderResponse.confirmed(state, at, ref);
    }

    // --- callbacks in ----------------------------------------------------------------------------

    @Override
    public ProviderReport readCallback(Map<String, String> headers, byte[] body) {
        if (signature == null) {
            throw new CallbackRejectedException("The webhook provider takes no callbacks until "
                    + "portal.providers.webhook.secret is set.");
        }
        Instant sentAt = signature.verify(headers, body, clock.instant(), settings.callbackTolerance());
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (JacksonException e) {
            throw new CallbackRejectedException("The callback body is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new CallbackRejectedException("The callback body must be a JSON object: {\"resourceId\": 42, "
                    + "\"state\": \"RUNNING\", \"at\": \"2026-01-31T12:00:00Z\" (optional), \"providerRef\" and "
                    + "\"message\" (optional)}.");
        }
        var id = node.get("resourceId");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
            throw new CallbackRejectedException("The callback's resourceId must be a whole number.");
        }
        String stateName = text(node, "state");
        if (stateName == null) {
            throw new CallbackRejectedException("The callback names no state; one of "
                    + Arrays.toString(ResourceState.values()) + " is expected.");
        }
        var state = state(stateName);
        if (state == null) {
            throw new CallbackRejectedException("The callback's state '" + excerpt(stateName, 40)
                    + "' is not one of " + Arrays.toString(ResourceState.values()) + ".");
        }
        Instant at = sentAt;
        String atText = text(node, "at");
        if (atText != null) {
            try {
                at = Instant.parse(atText);
            } catch (DateTimeParseException e) {
                throw new CallbackRejectedException("The callback's 'at' is not an ISO instant such as "
                        + "2026-01-31T12:00:00Z: '" + excerpt(atText, 40) + "'.");
            }
        }
        String ref = text(node, "providerRef");
        if (ref != null && ref.length() > MAX_PROVIDER_REF) {
            throw new CallbackRejectedException("The callback's providerRef has " + ref.length()
                    + " characters; at most " + MAX_PROVIDER_REF + " are kept.");
        }
        String message = text(node, "message");
        return new ProviderReport(NAME, id.longValue(), state, at, ref, message == null ? null : limit(message));
    }

    // ---------------------------------------------------------------------------------------------

    private WebhookSignature signature() {
        if (signature == null) {
            throw new IllegalStateException(NOT_CONFIGURED);
        }
        return signature;
    }

    private static @Nullable ResourceState state(String name) {
        try {
            return ResourceState.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A field of an answer as text: any scalar, blank as absent. */
    private static @Nullable String scalar(JsonNode node, String field) {
        var value = node.get(field);
        if (value == null || value.isNull() || !value.isValueNode()) {
            return null;
        }
        var text = value.asString();
        return text.isBlank() ? null : text.strip();
    }

    /** An optional string field of a callback; anything but a string or null is refused. */
    private static @Nullable String text(JsonNode node, String field) {
        var value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new CallbackRejectedException("The callback's '" + field + "' must be a string.");
        }
        var text = value.stringValue();
        return text.isBlank() ? null : text.strip();
    }

    /** An I/O failure in a few words: its kind and the first message found along its causes. */
    private static String describe(IOException e) {
        String message = null;
        for (Throwable t = e; t != null && message == null; t = t.getCause()) {
            message = t.getMessage() == null || t.getMessage().isBlank() ? null : t.getMessage();
        }
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static boolean isBlank(byte[] body) {
        return new String(body, StandardCharsets.UTF_8).isBlank();
    }

    /** ": " and the start of a response body on one line, or nothing for an empty body. */
    private static String excerpt(byte[] body) {
        var text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? "" : ": " + excerpt(text, MAX_EXCERPT);
    }

    private static String excerpt(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    private static String limit(String message) {
        return excerpt(message, MAX_MESSAGE - 1);
    }

    @Override
    public void destroy() {
        client.shutdownNow();
    }
}
