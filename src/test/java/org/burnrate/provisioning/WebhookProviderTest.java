package org.burnrate.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.burnrate.provisioning.ProviderResponse.Outcome;
import org.burnrate.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The webhook provider against an in-process HTTP server; backoff waits are recorded, never slept. */
class WebhookProviderTest {

    static final String SECRET = "test-secret-0123456789";
    static final String CALLBACK_URL = "https://portal.example/api/v1/provider-callbacks/webhook";
    static final Duration BACKOFF = Duration.ofMillis(100);
    static final JsonMapper JSON = JsonMapper.builder().build();

    record Received(String method, String path, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst().orElse("");
        }

        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** What the server answers next; the last one is repeated. {@code slow} answers nothing until the test ends. */
    record Reply(int status, String body, boolean slow) {

        static Reply of(int status, String body) {
            return new Reply(status, body, false);
        }

        static Reply slowly() {
            return new Reply(200, "{\"state\": \"RUNNING\"}", true);
        }
    }

    final TestClock clock = new TestClock();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedDeque<Reply> replies = new ConcurrentLinkedDeque<>();
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);

    ExecutorService executor;
    HttpServer server;
    String url;
    WebhookProvider provider;

    final ProviderRequest request = new ProviderRequest(42, "lab-vm", 7, 3, "Ubuntu VM", parameters(), "vm-ref-1", null);

    @BeforeEach
    void startServer() throws IOException {
        executor = Executors.newFixedThreadPool(4);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        url = "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/";
        provider = provider(Duration.ofSeconds(5), 3);
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        provider.destroy();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.getFirst()));
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                exchange.getRequestBody().readAllBytes()));
        Reply reply = replies.size() > 1 ? replies.pollFirst() : replies.peekFirst();
        if (reply == null) {
            reply = Reply.of(204, "");
        }
        if (reply.slow()) {
            try {
                // The deliberate slow handler: holds the answer until the test is over.
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            if (!reply.body().isEmpty()) {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
            }
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
        } catch (IOException e) {
            // the client gave up (timeout); nothing to answer
        }
    }

    private WebhookProvider provider(Duration timeout, int maxAttempts) {
        return provider(url, SECRET, timeout, maxAttempts);
    }

    private WebhookProvider provider(String url, String secret, Duration timeout, int maxAttempts) {
        var settings = new WebhookSettings(url, secret, timeout, maxAttempts, BACKOFF, Duration.ofMinutes(5),
                CALLBACK_URL, "");
        return new WebhookProvider(settings, JSON, clock, waits::add);
    }

    private static Map<String, String> parameters() {
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("image", "ubuntu-24.04");
        parameters.put("size", "small");
        return parameters;
    }

    /** The signature as the orchestrator would compute it, independently of WebhookSignature. */
    static String hmac(String secret, String timestamp, byte[] body) throws Exception {
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
        return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
    }

    // --- calls out --------------------------------------------------------------------------------

    @Test
    void createPostsSignedJsonAndAnAnswerWithAStateConfirms() throws Exception {
        replies.add(Reply.of(200, """
                {"state": "RUNNING", "at": "2026-11-24T09:59:30Z", "providerRef": "vm-123"}"""));

        var response = provider.create(request);

        assertThat(response.outcome()).isEqualTo(Outcome.CONFIRMED);
        assertThat(response.state()).isEqualTo(ResourceState.RUNNING);
        assertThat(response.at()).isEqualTo(Instant.parse("2026-11-24T09:59:30Z"));
        assertThat(response.providerRef()).isEqualTo("vm-123");

        assertThat(received).hasSize(1);
        var call = received.getFirst();
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo("/resources/create");
        assertThat(call.header("Content-Type")).startsWith("application/json");
        String timestamp = call.header("X-Burnrate-Timestamp");
        assertThat(timestamp).isEqualTo(Long.toString(TestClock.START.getEpochSecond()));
        assertThat(call.header("X-Burnrate-Signature")).isEqualTo(hmac(SECRET, timestamp, call.body()));

        var json = call.json();
        assertThat(json.get("action").asString()).isEqualTo("create");
        assertThat(json.get("resourceId").asLong()).isEqualTo(42);
        assertThat(json.get("name").asString()).isEqualTo("lab-vm");
        assertThat(json.get("groupId").asLong()).isEqualTo(7);
        assertThat(json.get("templateId").asLong()).isEqualTo(3);
        assertThat(json.get("templateName").asString()).isEqualTo("Ubuntu VM");
        assertThat(json.get("parameters").get("image").asString()).isEqualTo("ubuntu-24.04");
        assertThat(json.get("parameters").get("size").asString()).isEqualTo("small");
        assertThat(json.get("providerRef").asString()).isEqualTo("vm-ref-1");
        assertThat(json.get("parentResourceId").isNull()).isTrue();
        assertThat(json.get("callbackUrl").asString()).isEqualTo(CALLBACK_URL);
        assertThat(waits).isEmpty();
    }

    @Test
    void aConfirmationWithoutAtTakesNow() {
        replies.add(Reply.of(200, "{\"state\": \"stopped\"}"));

        var response = provider.stop(request);

        assertThat(response.outcome()).isEqualTo(Outcome.CONFIRMED);
        assertThat(response.state()).isEqualTo(ResourceState.STOPPED);
        assertThat(response.at()).isEqualTo(TestClock.START);
    }

    @Test
    void anAnswerWithoutAStateAccepts() {
        replies.add(Reply.of(202, ""));
        var accepted = provider.start(request);
        assertThat(accepted.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(accepted.providerRef()).isNull();

        replies.clear();
        replies.add(Reply.of(200, "{\"providerRef\": \"vm-9\"}"));
        var acceptedWithRef = provider.delete(request);
        assertThat(acceptedWithRef.outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(acceptedWithRef.providerRef()).isEqualTo("vm-9");

        replies.clear();
        replies.add(Reply.of(204, ""));
        assertThat(provider.status(request).outcome()).isEqualTo(Outcome.ACCEPTED);

        assertThat(received).extracting(Received::path)
                .containsExactly("/resources/start", "/resources/delete", "/resources/status");
        assertThat(received).extracting(r -> r.json().get("action").asString())
                .containsExactly("start", "delete", "status");
    }

    @Test
    void serverErrorsAreRetriedWithExponentialBackoff() {
        replies.add(Reply.of(500, "{\"error\": \"busy\"}"));
        replies.add(Reply.of(503, ""));
        replies.add(Reply.of(200, "{\"state\": \"RUNNING\"}"));

        var response = provider.create(request);

        assertThat(response.outcome()).isEqualTo(Outcome.CONFIRMED);
        assertThat(response.state()).isEqualTo(ResourceState.RUNNING);
        assertThat(received).hasSize(3);
        assertThat(waits).containsExactly(BACKOFF, BACKOFF.multipliedBy(2));
        // every attempt is signed afresh, over the same body
        for (var call : received) {
            assertThat(call.body()).isEqualTo(received.getFirst().body());
        }
    }

    @Test
    void aServerThatKeepsFailingIsGivenUpOnAfterMaxAttempts() {
        replies.add(Reply.of(500, "{\"error\": \"database down\"}"));

        var response = provider.create(request);

        assertThat(response.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(response.message()).contains("gave up after 3 attempts").contains("HTTP 500")
                .contains("database down");
        assertThat(received).hasSize(3);
        assertThat(waits).containsExactly(BACKOFF, BACKOFF.multipliedBy(2));
    }

    @Test
    void aClientErrorFailsAtOnceWithoutRetrying() {
        replies.add(Reply.of(400, "{\"error\": \"unknown image ubuntu-24.04\"}"));

        var response = provider.create(request);

        assertThat(response.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(response.message()).contains("HTTP 400").contains("unknown image ubuntu-24.04");
        assertThat(received).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aSlowServerTimesOutIsRetriedAndThenFails() {
        provider.destroy();
        provider = provider(Duration.ofMillis(200), 2);
        replies.add(Reply.slowly());

        var response = provider.create(request);

        assertThat(response.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(response.message()).contains("gave up after 2 attempts").contains("timed out")
                .contains("200 ms");
        assertThat(waits).containsExactly(BACKOFF);
    }

    @Test
    void anUnconfiguredProviderFailsWithoutCalling() {
        for (var unconfigured : List.of(provider("", SECRET, Duration.ofSeconds(1), 3),
                provider(url, " ", Duration.ofSeconds(1), 3))) {
            var response = unconfigured.create(request);
            assertThat(response.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(response.message()).isEqualTo(
                    "The webhook provider is not configured: set portal.providers.webhook.url and .secret");
            unconfigured.destroy();
        }
        assertThat(received).isEmpty();
    }

    @Test
    void anUnreachableServerIsRetriedAndThenFails() {
        String deadUrl = url;
        server.stop(0);

        var response = provider(deadUrl, SECRET, Duration.ofSeconds(2), 3).create(request);

        assertThat(response.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(response.message()).contains("gave up after 3 attempts").contains("ConnectException");
        assertThat(waits).containsExactly(BACKOFF, BACKOFF.multipliedBy(2));
    }

    // --- callbacks in -----------------------------------------------------------------------------

    private Map<String, String> signedHeaders(Instant at, byte[] body) throws Exception {
        String timestamp = Long.toString(at.getEpochSecond());
        return Map.of("x-burnrate-timestamp", timestamp, "x-burnrate-signature", hmac(SECRET, timestamp, body));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aValidCallbackIsRead() throws Exception {
        byte[] body = bytes("""
                {"resourceId": 42, "state": "RUNNING", "at": "2026-11-24T09:58:00Z", "providerRef": "vm-123",
                 "message": "booted"}""");

        var report = provider.readCallback(signedHeaders(clock.instant(), body), body);

        assertThat(report).isEqualTo(new ProviderReport("webhook", 42, ResourceState.RUNNING,
                Instant.parse("2026-11-24T09:58:00Z"), "vm-123", "booted"));
    }

    @Test
    void aCallbackWithoutAtHappenedWhenItWasSigned() throws Exception {
        byte[] body = bytes("{\"resourceId\": 42, \"state\": \"STOPPED\"}");
        var signedAt = clock.instant().minusSeconds(20);

        var report = provider.readCallback(signedHeaders(signedAt, body), body);

        assertThat(report.at()).isEqualTo(signedAt);
        assertThat(report.state()).isEqualTo(ResourceState.STOPPED);
        assertThat(report.providerRef()).isNull();
        assertThat(report.message()).isNull();
    }

    @Test
    void aForgedCallbackIsRefused() throws Exception {
        byte[] body = bytes("{\"resourceId\": 42, \"state\": \"RUNNING\"}");
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        var forged = Map.of("X-Burnrate-Timestamp", timestamp, "X-Burnrate-Signature",
                hmac("not-the-secret", timestamp, body));

        assertThatThrownBy(() -> provider.readCallback(forged, body))
                .isInstanceOf(CallbackRejectedException.class).hasMessageContaining("does not match");
        assertThatThrownBy(() -> provider.readCallback(Map.of(), body))
                .isInstanceOf(CallbackRejectedException.class).hasMessageContaining("X-Burnrate-Timestamp");
    }

    @Test
    void aStaleCallbackIsRefused() throws Exception {
        byte[] body = bytes("{\"resourceId\": 42, \"state\": \"RUNNING\"}");
        var headers = signedHeaders(clock.instant(), body);
        clock.advance(Duration.ofMinutes(10));

        assertThatThrownBy(() -> provider.readCallback(headers, body))
                .isInstanceOf(CallbackRejectedException.class).hasMessageContaining("stale or from the future");
    }

    @Test
    void aCallbackFromTheFutureIsRefused() throws Exception {
        byte[] body = bytes("{\"resourceId\": 42, \"state\": \"RUNNING\"}");
        var headers = signedHeaders(clock.instant().plus(Duration.ofMinutes(10)), body);

        assertThatThrownBy(() -> provider.readCallback(headers, body))
                .isInstanceOf(CallbackRejectedException.class).hasMessageContaining("stale or from the future");
    }

    @Test
    void signedButUnreadableCallbacksAreRefused() throws Exception {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("not json at all", "not JSON");
        bodies.put("[1, 2]", "JSON object");
        bodies.put("{\"state\": \"RUNNING\"}", "resourceId");
        bodies.put("{\"resourceId\": \"42\", \"state\": \"RUNNING\"}", "resourceId");
        bodies.put("{\"resourceId\": 4.2, \"state\": \"RUNNING\"}", "resourceId");
        bodies.put("{\"resourceId\": 42}", "no state");
        bodies.put("{\"resourceId\": 42, \"state\": \"BOOTING\"}", "BOOTING");
        bodies.put("{\"resourceId\": 42, \"state\": \"RUNNING\", \"at\": \"yesterday\"}", "ISO instant");
        bodies.put("{\"resourceId\": 42, \"state\": \"RUNNING\", \"message\": 7}", "'message' must be a string");
        bodies.put("{\"resourceId\": 42, \"state\": \"RUNNING\", \"providerRef\": \"" + "x".repeat(201) + "\"}",
                "at most 200");
        for (var entry : bodies.entrySet()) {
            byte[] body = bytes(entry.getKey());
            assertThatThrownBy(() -> provider.readCallback(signedHeaders(clock.instant(), body), body))
                    .as(entry.getKey()).isInstanceOf(CallbackRejectedException.class)
                    .hasMessageContaining(entry.getValue());
        }
    }

    @Test
    void withoutASecretNoCallbackIsTaken() throws Exception {
        var unconfigured = provider(url, "", Duration.ofSeconds(1), 3);
        byte[] body = bytes("{\"resourceId\": 42, \"state\": \"RUNNING\"}");

        assertThatThrownBy(() -> unconfigured.readCallback(signedHeaders(clock.instant(), body), body))
                .isInstanceOf(CallbackRejectedException.class).hasMessageContaining("secret");
        unconfigured.destroy();
    }
}
