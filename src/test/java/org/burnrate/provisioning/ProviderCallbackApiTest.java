package org.burnrate.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.burnrate.base.ConsumptionUnits;
import org.burnrate.budget.GroupService;
import org.burnrate.catalog.Billing;
import org.burnrate.catalog.BurnRate;
import org.burnrate.catalog.ExhaustionPolicy;
import org.burnrate.catalog.TemplateCatalog;
import org.burnrate.catalog.TemplateDraft;
import org.burnrate.catalog.TemplateKind;
import org.burnrate.catalog.TemplateView;
import org.burnrate.security.PortalUserDirectory;
import org.burnrate.support.Api;
import org.burnrate.support.SignIn;
import org.burnrate.support.TestClock;
import org.burnrate.support.WebTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

/**
 * The callback endpoint with the webhook provider configured against an in-process orchestrator
 * that accepts everything (202), so resources wait in PROVISIONING for a signed callback.
 */
@WebTest
class ProviderCallbackApiTest {

    static final String SECRET = "callback-test-secret-42";
    static final String USAGE_TOKEN = "usage-token-of-the-test-orchestrator-7f3a";
    static final String ADMIN = "it.admin@northfield.test";
    static final String LOPEZ = "maria.lopez@northfield.test";
    static final String ADA = "ada.okafor@northfield.test";
    static final String CS101 = "CS101 Cloud Fundamentals";

    static HttpServer orchestrator;
    static final List<String> orchestratorCalls = new CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry registry) throws IOException {
        orchestrator = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        orchestrator.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            orchestratorCalls.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
        });
        orchestrator.start();
        registry.add("portal.providers.webhook.url",
                () -> "http://" + orchestrator.getAddress().getHostString() + ":" + orchestrator.getAddress().getPort());
        registry.add("portal.providers.webhook.secret", () -> SECRET);
        registry.add("portal.providers.webhook.max-attempts", () -> "1");
        registry.add("portal.providers.webhook.usage-token", () -> USAGE_TOKEN);
    }

    @AfterAll
    static void stopOrchestrator() {
        orchestrator.stop(0);
    }

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Autowired
    PortalUserDirectory directory;

    @Autowired
    TemplateCatalog catalog;

    @Autowired
    GroupService groups;

    @Autowired
    ProvisioningService provisioning;

    Api api;

    @BeforeEach
    void client() {
        clock.reset();
        api = new Api(port).anonymous();
    }

    @AfterEach
    void signOut() {
        SignIn.out();
    }

    /** A resource from a webhook template, provisioned by Ada in CS101; the orchestrator accepted it. */
    private ResourceView provisionedResource() {
        SignIn.as(directory, ADMIN);
        TemplateView template = catalog.create(new TemplateDraft("Webhook VM " + UUID.randomUUID(), "", TemplateKind.STANDALONE,
                null, Billing.TIME, "webhook", Map.of("image", "ubuntu"), null, true, ExhaustionPolicy.DEFAULT),
                BurnRate.running(ConsumptionUnits.of(1), Duration.ofHours(1), Duration.ofHours(1)));
        return provisionedFrom(template);
    }

    /** A storage resource of a webhook template billed per operation (0.01 units each), provisioned by Ada in CS101. */
    private ResourceView webhookStorage() {
        SignIn.as(directory, ADMIN);
        TemplateView template = catalog.create(new TemplateDraft("Webhook storage " + UUID.randomUUID(), "",
                TemplateKind.STANDALONE, null, Billing.PER_OPERATION, "webhook", Map.of(), null, true,
                ExhaustionPolicy.DEFAULT), new BurnRate(ConsumptionUnits.ZERO, Duration.ofHours(1), Duration.ofHours(1),
                        ConsumptionUnits.ZERO, ConsumptionUnits.of(new java.math.BigDecimal("0.01"))));
        return provisionedFrom(template);
    }

    private ResourceView provisionedFrom(TemplateView template) {

        SignIn.as(directory, LOPEZ);
        long groupId = groups.visibleGroups().stream().filter(g -> g.name().equals(CS101)).findFirst().orElseThrow().id();
        var allowed = new ArrayList<>(catalog.allowedTemplates(groupId).stream().map(TemplateView::id).toList());
        allowed.add(template.id());
        catalog.allowTemplates(groupId, allowed);

        SignIn.as(directory, ADA);
        var resource = provisioning.provision(groupId,
                new ProvisioningService.ProvisionRequest(template.id(), "webhook-vm", null, null, false));
        SignIn.out();
        return resource;
    }

    private ResourceState stateOf(long resourceId) {
        SignIn.as(directory, ADA);
        try {
            return provisioning.get(resourceId).state();
        } finally {
            SignIn.out();
        }
    }

    private String[] signed(String secret, long epochSeconds, String body) throws Exception {
        String timestamp = Long.toString(epochSeconds);
        return new String[] { "X-Burnrate-Timestamp", timestamp, "X-Burnrate-Signature",
                WebhookProviderTest.hmac(secret, timestamp, body.getBytes(StandardCharsets.UTF_8)) };
    }

    private String[] signed(String body) throws Exception {
        return signed(SECRET, clock.instant().getEpochSecond(), body);
    }

    private static void assertRefused(Api.Response response, String detail) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("title").asString()).isEqualTo("Callback refused");
        assertThat(response.json().get("detail").asString()).contains(detail);
    }

    @Test
    void aSignedCallbackConfirmsTheStateAndAReplayChangesNothing() throws Exception {
        var resource = provisionedResource();
        assertThat(resource.state()).isEqualTo(ResourceState.PROVISIONING);
        assertThat(orchestratorCalls).contains("/resources/create");

        String body = """
                {"resourceId": %d, "state": "RUNNING", "providerRef": "vm-%d", "message": "booted"}"""
                .formatted(resource.id(), resource.id());
        var headers = signed(body);

        var applied = api.post("/api/v1/provider-callbacks/webhook", body, headers);
        assertThat(applied.status()).as(applied.body()).isEqualTo(200);
        assertThat(applied.json().get("applied").asBoolean()).isTrue();
        assertThat(stateOf(resource.id())).isEqualTo(ResourceState.RUNNING);

        var replayed = api.post("/api/v1/provider-callbacks/webhook", body, headers);
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().get("applied").asBoolean()).isFalse();
        assertThat(stateOf(resource.id())).isEqualTo(ResourceState.RUNNING);
    }

    @Test
    void unsignedForgedAndStaleCallbacksAreRefusedAndChangeNothing() throws Exception {
        var resource = provisionedResource();
        String body = "{\"resourceId\": " + resource.id() + ", \"state\": \"RUNNING\"}";

        assertRefused(api.post("/api/v1/provider-callbacks/webhook", body), "no X-Burnrate-Timestamp");
        assertRefused(api.post("/api/v1/provider-callbacks/webhook", body,
                signed("a-guessed-secret", clock.instant().getEpochSecond(), body)), "does not match");
        assertRefused(api.post("/api/v1/provider-callbacks/webhook", body,
                signed(SECRET, clock.instant().minus(Duration.ofMinutes(10)).getEpochSecond(), body)),
                "stale or from the future");
        String tampered = "{\"resourceId\": " + resource.id() + ", \"state\": \"FAILED\"}";
        assertRefused(api.post("/api/v1/provider-callbacks/webhook", tampered, signed(body)), "does not match");

        assertThat(stateOf(resource.id())).isEqualTo(ResourceState.PROVISIONING);
    }

    @Test
    void aProviderThatTakesNoCallbacksRefusesThem() throws Exception {
        String body = "{\"resourceId\": 1, \"state\": \"RUNNING\"}";
        assertRefused(api.post("/api/v1/provider-callbacks/simulated", body, signed(body)), "takes no callbacks");
    }

    @Test
    void anUnknownProviderIsNotFound() throws Exception {
        String body = "{\"resourceId\": 1, \"state\": \"RUNNING\"}";
        var response = api.post("/api/v1/provider-callbacks/no-such-provider", body, signed(body));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains("no-such-provider");
    }

    @Test
    void aSignedCallbackForAnUnknownResourceIsNotFound() throws Exception {
        String body = "{\"resourceId\": 987654321, \"state\": \"RUNNING\"}";
        var response = api.post("/api/v1/provider-callbacks/webhook", body, signed(body));
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains("987654321");
    }

    /**
     * The orchestrator reports the usage of its own resources with its usage token, and can do
     * nothing else with it: other resources are unknown to it, other endpoints do not take it.
     */
    @Test
    void theProvidersUsageTokenReportsUsageOfItsOwnResourcesOnly() {
        var storage = webhookStorage();
        var provider = new Api(port).bearer(USAGE_TOKEN);
        String body = "[{\"resourceId\": %d, \"quantity\": 250, \"idempotencyKey\": \"orch-%d-1\"}]"
                .formatted(storage.id(), storage.id());

        var charged = provider.post("/api/v1/usage", body);
        assertThat(charged.status()).as(charged.body()).isEqualTo(200);
        assertThat(charged.json().get("charged").asInt()).isOne();
        assertThat(charged.json().get("results").get(0).get("amount").asString()).isEqualTo("2.5000");
        var repeat = provider.post("/api/v1/usage", body);
        assertThat(repeat.json().get("results").get(0).get("status").asString()).isEqualTo("REPEAT");

        SignIn.as(directory, ADMIN);
        long groupId = storage.groupId();
        var blob = catalog.allowedTemplates(groupId).stream().filter(t -> t.name().equals("Blob storage")).findFirst()
                .orElseThrow();
        SignIn.as(directory, ADA);
        var simulated = provisioning.provision(groupId,
                new ProvisioningService.ProvisionRequest(blob.id(), "blob", null, null, false));
        var elsewhere = provider.post("/api/v1/usage", "[{\"resourceId\": %d, \"quantity\": 5, \"idempotencyKey\": \"orch-%d-2\"}]"
                .formatted(simulated.id(), simulated.id()));
        assertThat(elsewhere.status()).as("another provider's resource is, to this one, no resource").isEqualTo(400);
        assertThat(elsewhere.json().get("detail").asString()).contains("there is no resource with id " + simulated.id());
        assertThat(provisioning.get(simulated.id()).costSoFar()).isEqualTo(ConsumptionUnits.ZERO);
        assertThat(provisioning.get(storage.id()).costSoFar()).isEqualTo(ConsumptionUnits.of(new java.math.BigDecimal("2.5")));
        SignIn.out();

        assertThat(provider.get("/api/v1/me").status()).as("the usage token is no API token").isEqualTo(401);
        assertThat(new Api(port).bearer(USAGE_TOKEN + "x").post("/api/v1/usage", body).status()).isEqualTo(401);
    }

    @Test
    void theEndpointIsDocumented() {
        var docs = api.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        var operation = docs.json().get("paths").get("/api/v1/provider-callbacks/{provider}").get("post");
        assertThat(operation.get("tags").get(0).asString()).isEqualTo("Provider callbacks");
        assertThat(operation.toString()).contains("X-Burnrate-Signature").contains("ProviderCallback");
    }

    @Test
    void aCallbackWithAnIdempotencyKeyIsStillRead() throws Exception {
        var resource = provisionedResource();
        String body = "{\"resourceId\": " + resource.id() + ", \"state\": \"RUNNING\"}";
        var headers = new ArrayList<>(List.of(signed(body)));
        headers.addAll(List.of("Idempotency-Key", UUID.randomUUID().toString()));

        var response = api.post("/api/v1/provider-callbacks/webhook", body, headers.toArray(String[]::new));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("applied").asBoolean()).isTrue();
    }
}
