package org.burnrate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.UUID;

import org.burnrate.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Templates, rates, quotes and resources through the REST API, as a user's script sees them; H2 and PostgreSQL. */
abstract class CatalogApiTests {

    static final String ADMIN = "it.admin@northfield.test";
    static final String LOPEZ = "maria.lopez@northfield.test";
    static final String CHLOE = "chloe.martin@northfield.test";
    static final String BEN = "ben.schmidt@northfield.test";
    static final String HANA = "hana.sato@northfield.test";
    static final String ELENA = "elena.rossi@northfield.test";
    static final String IVAN = "ivan.petrov@northfield.test";
    static final String PASSWORD = "burnrate-demo";

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    /** A client of its own for each person: {@link Api#basic} changes the client it is called on. */
    Api as(String email) {
        return new Api(port).basic(email, PASSWORD);
    }

    long groupId(String name) {
        for (JsonNode group : as(LOPEZ).get("/api/v1/groups").json().get("items")) {
            if (group.get("name").asString().equals(name)) {
                return group.get("id").asLong();
            }
        }
        throw new AssertionError("no group " + name);
    }

    long templateId(String email, String name) {
        for (JsonNode template : as(email).get("/api/v1/templates").json().get("items")) {
            if (template.get("name").asString().equals(name)) {
                return template.get("id").asLong();
            }
        }
        throw new AssertionError("no template " + name);
    }

    @Test
    void aSystemAdminDefinesATemplateAndSchedulesRatesThatNeverRewriteThePast() {
        var admin = as(ADMIN);
        String name = "GPU VM " + UUID.randomUUID();
        var created = admin.post("/api/v1/templates", """
                {"name": "%s", "description": "For deep learning labs", "kind": "STANDALONE", "billing": "TIME",
                 "maxInstancesPerMember": 1, "providerParameters": {"size": "NC6"},
                 "exhaustion": {"warnAt": [80, 50], "graceUnits": "5", "gracePeriod": "PT1H", "action": "SUSPEND"},
                 "rate": {"units": "120", "per": "PT1H", "minimumSpan": "PT1M"}}""".formatted(name));
        assertThat(created.status()).isEqualTo(201);
        var template = created.json();
        long id = template.get("id").asLong();
        assertThat(created.header("Location")).endsWith("/api/v1/templates/" + id);
        assertThat(template.get("provider").asString()).isEqualTo("simulated");
        assertThat(template.get("providerParameters").get("size").asString()).isEqualTo("NC6");
        assertThat(template.get("exhaustion").get("warnAt").toString()).isEqualTo("[50,80]");
        assertThat(template.get("exhaustion").get("action").asString()).isEqualTo("SUSPEND");
        assertThat(template.get("currentRate").get("units").asString()).isEqualTo("120.0000");
        assertThat(template.get("currentRate").get("minimumSpan").asString()).isEqualTo("PT1M");
        assertThat(template.get("currentRate").get("minimumCharge").asString()).isEqualTo("2.0000");

        var scheduled = admin.post("/api/v1/templates/" + id + "/rates", """
                {"units": 150, "per": "PT1H", "minimumSpan": "PT1M", "effectiveFrom": "2099-01-01T00:00:00Z"}""");
        assertThat(scheduled.status()).isEqualTo(201);
        var rates = admin.get("/api/v1/templates/" + id + "/rates").json();
        assertThat(rates).hasSize(2);
        assertThat(rates.get(0).get("units").asString()).isEqualTo("150.0000");
        assertThat(admin.get("/api/v1/templates/" + id).json().get("currentRate").get("units").asString())
                .as("a scheduled rate is not in force yet").isEqualTo("120.0000");

        var past = admin.post("/api/v1/templates/" + id + "/rates", """
                {"units": 1, "per": "PT1H", "minimumSpan": "PT1M", "effectiveFrom": "2000-01-01T00:00:00Z"}""");
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().get("detail").asString()).contains("cannot start in the past");
        var badSpan = admin.post("/api/v1/templates/" + id + "/rates", """
                {"units": 1, "per": "PT1H", "minimumSpan": "P40D"}""");
        assertThat(badSpan.status()).isEqualTo(400);
        assertThat(badSpan.json().get("detail").asString()).contains("PT1S (1 second) to P31D");
        assertThat(admin.get("/api/v1/templates/" + id + "/rates").json()).as("refusals change nothing").hasSize(2);

        var kindChange = admin.patch("/api/v1/templates/" + id, "{\"kind\": \"CONTAINER\"}");
        assertThat(kindChange.status()).isEqualTo(400);
        var renamed = admin.patch("/api/v1/templates/" + id, "{\"enabled\": false}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("enabled").asBoolean()).isFalse();
        assertThat(renamed.json().get("name").asString()).isEqualTo(name);

        var student = as(CHLOE);
        assertThat(student.post("/api/v1/templates", "{\"name\": \"mine\"}").status()).isEqualTo(403);
        assertThat(student.get("/api/v1/templates").json().get("items")).extracting(t -> t.get("name").asString())
                .contains("Ubuntu VM (2 vCPU)", "PostgreSQL database", "Blob storage").doesNotContain(name,
                        "Web hosting plan (B1)");
        assertThat(student.get("/api/v1/templates/" + id).status()).isEqualTo(404);
    }

    @Test
    void aStudentQuotesProvisionsStopsAndDeletesAVm() {
        long cs101 = groupId("CS101 Cloud Fundamentals");
        long vm = templateId(CHLOE, "Ubuntu VM (2 vCPU)");
        var chloe = as(CHLOE);

        var quote = chloe.post("/api/v1/groups/" + cs101 + "/quotes", "{\"templateId\": " + vm + "}").json();
        assertThat(quote.get("minimumSpan").asString()).isEqualTo("PT1M");
        assertThat(quote.get("minimumCharge").asString()).isEqualTo("0.6667");
        assertThat(quote.get("unitsPerHour").asString()).isEqualTo("40.0000");
        assertThat(quote.get("currency").asString()).isEqualTo("EUR");
        assertThat(quote.get("minimumChargeInCurrency").asString()).isEqualTo("0.03");
        assertThat(quote.get("allowed").asBoolean()).isTrue();
        assertThat(quote.get("levels").get(0).get("level").asString()).isEqualTo("MEMBER");
        assertThat(quote.get("levels").get(0).get("available").asString()).isEqualTo("100.0000");
        assertThat(quote.get("levels").get(0).get("lastsFor").asString()).isEqualTo("PT2H30M");
        assertThat(quote.get("levels")).extracting(l -> l.get("level").asString())
                .containsExactly("MEMBER", "GROUP", "GROUP_ADMIN", "ORGANIZATION");

        var created = chloe.post("/api/v1/groups/" + cs101 + "/resources",
                "{\"templateId\": " + vm + ", \"name\": \"chloe-vm\", \"runFor\": \"PT2H\"}");
        assertThat(created.status()).isEqualTo(201);
        var resource = created.json();
        long id = resource.get("id").asLong();
        assertThat(resource.get("state").asString()).isEqualTo("RUNNING");
        assertThat(resource.get("owner").asString()).isEqualTo("Chloé Martin");
        assertThat(resource.get("stopAt").isNull()).isFalse();
        assertThat(resource.get("costSoFar").asString()).isEqualTo("0.6667");
        assertThat(resource.get("history")).extracting(h -> h.get("state").asString()).containsExactly("REQUESTED", "RUNNING");
        var held = chloe.get("/api/v1/me").json().get("memberships").get(0).get("budget").get("held").asString();
        assertThat(held).isEqualTo("0.6667");

        assertThat(as(HANA).get("/api/v1/resources/" + id).status())
                .as("another student does not even learn it exists").isEqualTo(404);
        assertThat(as(HANA).post("/api/v1/resources/" + id + "/stop", "{}").status()).isEqualTo(404);

        var stopped = chloe.post("/api/v1/resources/" + id + "/stop", "{}");
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.json().get("state").asString()).isEqualTo("STOPPED");
        var badStart = chloe.post("/api/v1/resources/" + id + "/start", "{\"runFor\": \"two hours\"}");
        assertThat(badStart.status()).isEqualTo(400);
        assertThat(badStart.json().get("detail").asString()).contains("ISO 8601");
        assertThat(chloe.get("/api/v1/resources/" + id).json().get("state").asString()).isEqualTo("STOPPED");

        assertThat(chloe.get("/api/v1/resources").json().get("items")).extracting(r -> r.get("name").asString())
                .contains("chloe-vm");
        var deleted = chloe.delete("/api/v1/resources/" + id);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().get("state").asString()).isEqualTo("DELETED");
    }

    @Test
    void aHoldTheMemberAllocationCannotCoverIsRefusedNamingTheLevel() {
        long cs101 = groupId("CS101 Cloud Fundamentals");
        var lopez = as(LOPEZ);
        long membershipId = -1;
        for (JsonNode member : lopez.get("/api/v1/groups/" + cs101 + "/members?size=100").json().get("items")) {
            if (member.get("email").asString().equals(ELENA)) {
                membershipId = member.get("id").asLong();
            }
        }
        String member = "/api/v1/groups/" + cs101 + "/members/" + membershipId;
        assertThat(lopez.patch(member, "{\"allocation\": \"40\"}").status()).isEqualTo(200);
        try {
            refusedForTheMemberLevel(cs101);
        } finally {
            // The demo's figures are shared with the other API tests of this context.
            assertThat(lopez.patch(member, "{\"allocation\": \"100\"}").status()).isEqualTo(200);
        }
    }

    private void refusedForTheMemberLevel(long cs101) {
        long database = templateId(ELENA, "PostgreSQL database");
        var elena = as(ELENA);

        var quote = elena.post("/api/v1/groups/" + cs101 + "/quotes", "{\"templateId\": " + database + "}").json();
        assertThat(quote.get("minimumCharge").asString()).isEqualTo("48.0000");
        assertThat(quote.get("allowed").asBoolean()).isFalse();
        assertThat(quote.get("reason").asString()).contains("short by 8.0000");

        var refused = elena.post("/api/v1/groups/" + cs101 + "/resources", "{\"templateId\": " + database + "}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("member allocation");
        assertThat(elena.get("/api/v1/resources").json().get("total").asInt()).isZero();
    }

    @Test
    void theInstructorsHostingPlanIsSharedAndStudentsPutTheirAppsInIt() {
        long cs240 = groupId("CS240 Web Development");
        var lopez = as(LOPEZ);
        long plan = templateId(LOPEZ, "Web hosting plan (B1)");
        long webApp = templateId(LOPEZ, "Web app");
        var hosting = lopez.post("/api/v1/groups/" + cs240 + "/resources",
                "{\"templateId\": " + plan + ", \"name\": \"CS240 plan " + UUID.randomUUID() + "\"}");
        assertThat(hosting.status()).isEqualTo(201);
        assertThat(hosting.json().get("shared").asBoolean()).isTrue();
        long planId = hosting.json().get("id").asLong();

        var ivan = as(IVAN);
        assertThat(ivan.get("/api/v1/groups/" + cs240 + "/resources").json().get("items"))
                .extracting(r -> r.get("id").asLong()).contains(planId);
        assertThat(ivan.post("/api/v1/resources/" + planId + "/stop", "{}").status())
                .as("only the owner manages a shared resource").isEqualTo(403);
        var app = ivan.post("/api/v1/groups/" + cs240 + "/resources",
                "{\"templateId\": " + webApp + ", \"name\": \"ivan-site\", \"parentResourceId\": " + planId + "}");
        assertThat(app.status()).isEqualTo(201);
        assertThat(app.json().get("parentResourceId").asLong()).isEqualTo(planId);

        var refused = lopez.delete("/api/v1/resources/" + planId);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("withChildren=true");
        assertThat(lopez.delete("/api/v1/resources/" + planId + "?withChildren=true").json().get("state").asString())
                .isEqualTo("DELETED");
        assertThat(ivan.get("/api/v1/resources/" + app.json().get("id").asLong()).json().get("state").asString())
                .isEqualTo("DELETED");
    }

    @Test
    void usageReportedThroughTheApiIsChargedOnceAndARepeatIsAnsweredNotCharged() {
        long cs101 = groupId("CS101 Cloud Fundamentals");
        var ben = as(BEN);
        var created = ben.post("/api/v1/groups/" + cs101 + "/resources",
                "{\"templateId\": " + templateId(BEN, "Blob storage") + ", \"name\": \"ben-blob\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        var admin = as(ADMIN);
        String key = UUID.randomUUID().toString();
        String batch = """
                [{"resourceId": %d, "quantity": 1000, "idempotencyKey": "%s-1"},
                 {"resourceId": %d, "quantity": 250, "idempotencyKey": "%s-2"}]""".formatted(id, key, id, key);

        var first = admin.post("/api/v1/usage", batch);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("charged").asInt()).isEqualTo(2);
        assertThat(first.json().get("repeats").asInt()).isZero();
        assertThat(first.json().get("results")).extracting(r -> r.get("status").asString(), r -> r.get("amount").asString())
                .containsExactly(tuple("CHARGED", "10.0000"), tuple("CHARGED", "2.5000"));
        assertThat(ben.get("/api/v1/resources/" + id).json().get("costSoFar").asString()).isEqualTo("12.5000");

        var repeat = admin.post("/api/v1/usage", batch);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.json().get("charged").asInt()).isZero();
        assertThat(repeat.json().get("repeats").asInt()).isEqualTo(2);
        assertThat(repeat.json().get("results")).extracting(r -> r.get("status").asString()).containsOnly("REPEAT");
        assertThat(repeat.json().get("results")).extracting(r -> r.get("lineId").asLong())
                .isEqualTo(List.of(first.json().get("results").get(0).get("lineId").asLong(),
                        first.json().get("results").get(1).get("lineId").asLong()));
        assertThat(ben.get("/api/v1/resources/" + id).json().get("costSoFar").asString()).isEqualTo("12.5000");

        var invalid = admin.post("/api/v1/usage", """
                [{"resourceId": %d, "quantity": 5, "idempotencyKey": "%s-3"},
                 {"resourceId": %d, "quantity": 0, "idempotencyKey": "%s-4"}]""".formatted(id, key, id, key));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(invalid.body()).contains("Event 1: quantity must be more than zero.");
        assertThat(ben.get("/api/v1/resources/" + id).json().get("costSoFar").asString())
                .as("one bad event refuses the whole batch").isEqualTo("12.5000");

        assertThat(ben.post("/api/v1/usage", batch.replace(key, UUID.randomUUID().toString())).status())
                .as("a member cannot report usage").isEqualTo(403);
        assertThat(ben.delete("/api/v1/resources/" + id).status()).isEqualTo(200);
    }
}
