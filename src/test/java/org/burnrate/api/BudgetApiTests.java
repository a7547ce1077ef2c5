package org.burnrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.burnrate.support.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Budgets through the REST API against the demo institution; run on H2 and PostgreSQL by the subclasses. */
abstract class BudgetApiTests {

    static final String ADMIN = "it.admin@northfield.test";
    static final String LOPEZ = "maria.lopez@northfield.test";
    static final String TANAKA = "kenji.tanaka@northfield.test";
    static final String ADA = "ada.okafor@northfield.test";
    static final String BEN = "ben.schmidt@northfield.test";
    static final String PASSWORD = "burnrate-demo";

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    JsonNode groupNamed(String name) {
        for (JsonNode group : api.basic(LOPEZ, PASSWORD).get("/api/v1/groups").json().get("items")) {
            if (group.get("name").asString().equals(name)) {
                return group;
            }
        }
        throw new AssertionError("no group " + name);
    }

    @Test
    void theDemoInstitutionHasBudgetsAtEveryLevelAsDecimalStrings() {
        var currency = api.basic(ADA, PASSWORD).get("/api/v1/settings/currency").json();
        assertThat(currency.get("currency").asString()).isEqualTo("EUR");
        assertThat(currency.get("unitValue").asString()).isEqualTo("0.050000");
        assertThat(api.put("/api/v1/settings/currency", "{\"currency\": \"USD\", \"unitValue\": 1}").status())
                .as("only system admins set the currency").isEqualTo(403);

        var pool = api.basic(ADMIN, PASSWORD).get("/api/v1/organization/pool").json();
        assertThat(pool.get("allocated").asString()).isEqualTo("50000.0000");

        var cs101 = groupNamed("CS101 Cloud Fundamentals");
        assertThat(cs101.get("budget").get("allocated").asString()).isEqualTo("2000.0000");
        assertThat(cs101.get("budget").get("allocatedToMembers").asString()).isEqualTo("800.0000");

        var me = api.basic(ADA, PASSWORD).get("/api/v1/me").json();
        assertThat(me.get("memberships")).hasSize(1);
        assertThat(me.get("memberships").get(0).get("groupName").asString()).isEqualTo("CS101 Cloud Fundamentals");
        assertThat(me.get("memberships").get(0).get("budget").get("available").asString()).isEqualTo("100.0000");
    }

    @Test
    void anInstructorRunsAGroupFromCreationToDeletion() {
        api.basic(LOPEZ, PASSWORD);
        var created = api.post("/api/v1/groups", """
                {"name": "Lab %s", "budget": "500", "defaultAllocation": 50, "startDate": "2026-12-01", "endDate": "2027-02-28"}
                """.formatted(UUID.randomUUID()));
        assertThat(created.status()).isEqualTo(201);
        long groupId = created.json().get("id").asLong();

        var added = api.post("/api/v1/groups/" + groupId + "/members", """
                {"email": "%s"}
                """.formatted(ADA));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().get("budget").get("allocated").asString()).isEqualTo("50.0000");
        long memberId = added.json().get("id").asLong();

        var changed = api.patch("/api/v1/groups/" + groupId + "/members/" + memberId, """
                {"allocation": "75.5", "role": "MANAGER"}
                """);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("budget").get("allocated").asString()).isEqualTo("75.5000");
        assertThat(changed.json().get("role").asString()).isEqualTo("MANAGER");

        var lines = api.get("/api/v1/accounts/" + changed.json().get("budget").get("accountId").asLong() + "/lines");
        assertThat(lines.status()).isEqualTo(200);
        assertThat(lines.json().get("items").get(0).get("type").asString()).isEqualTo("ALLOCATE");
        assertThat(lines.json().get("items").get(0).get("amount").asString()).isEqualTo("25.5000");

        assertThat(api.delete("/api/v1/groups/" + groupId + "/members/" + memberId).json().get("reclaimed").asString())
                .isEqualTo("75.5000");
        assertThat(api.delete("/api/v1/groups/" + groupId).json().get("reclaimed").asString()).isEqualTo("500.0000");
        assertThat(api.get("/api/v1/groups/" + groupId).status()).isEqualTo(404);
    }

    @Test
    void outsideTheirScopePeopleGetNotFoundAndInsideButNotAllowedForbidden() {
        long cs101 = groupNamed("CS101 Cloud Fundamentals").get("id").asLong();
        long memberAccount = api.basic(ADA, PASSWORD).get("/api/v1/me").json().get("memberships").get(0)
                .get("budget").get("accountId").asLong();

        api.basic(TANAKA, PASSWORD);
        assertThat(api.get("/api/v1/groups/" + cs101).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/groups/" + cs101 + "/members").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/accounts/" + memberAccount + "/lines").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/group-admins").status()).isEqualTo(403);

        api.basic(ADA, PASSWORD);
        assertThat(api.get("/api/v1/groups/" + cs101).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/groups/" + cs101 + "/members").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/accounts/" + memberAccount + "/lines").status()).isEqualTo(200);

        api.basic(BEN, PASSWORD);
        assertThat(api.get("/api/v1/groups/" + cs101 + "/members").status()).as("Ben manages CS101").isEqualTo(200);
        assertThat(api.get("/api/v1/accounts/" + memberAccount + "/lines").status()).isEqualTo(200);
    }

    @Test
    void badAmountsAreRefusedWithSpecificMessagesAndChangeNothing() {
        api.basic(LOPEZ, PASSWORD);
        var before = groupNamed("CS240 Web Development").get("budget").get("allocated").asString();
        long cs240 = groupNamed("CS240 Web Development").get("id").asLong();

        var letters = api.patch("/api/v1/groups/" + cs240, "{\"budget\": \"abc\"}");
        var precise = api.patch("/api/v1/groups/" + cs240, "{\"budget\": \"2500.00001\"}");
        var negative = api.patch("/api/v1/groups/" + cs240, "{\"budget\": -1}");
        var huge = api.patch("/api/v1/groups/" + cs240, "{\"budget\": \"99999999999999\"}");
        var greedy = api.patch("/api/v1/groups/" + cs240, "{\"budget\": \"100000\"}");

        assertThat(letters.status()).isEqualTo(400);
        assertThat(precise.status()).isEqualTo(400);
        assertThat(precise.json().get("detail").asString()).contains("more than 4 decimal places");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().get("detail").asString()).contains("cannot be negative");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.json().get("detail").asString()).contains("too large");
        assertThat(greedy.status()).isEqualTo(409);
        assertThat(greedy.json().get("detail").asString()).contains("group-admin budget").contains("short by");
        assertThat(groupNamed("CS240 Web Development").get("budget").get("allocated").asString()).isEqualTo(before);
    }

    @Test
    void aRosterImportAnswersPerRowAndImportsNothingTwice() {
        api.basic(LOPEZ, PASSWORD);
        long groupId = api.post("/api/v1/groups", """
                {"name": "Roster %s", "budget": "300", "defaultAllocation": "40"}
                """.formatted(UUID.randomUUID())).json().get("id").asLong();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String csv = "email,displayName,allocation\n"
                + "r1-" + tag + "@northfield.test,Roster One,\n"
                + "r2-" + tag + "@northfield.test,Roster Two,60\n"
                + "broken,Nobody,abc\n";

        var first = api.postText("/api/v1/groups/" + groupId + "/members/import", "text/csv", csv);
        var second = api.postText("/api/v1/groups/" + groupId + "/members/import", "text/csv", csv);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("added").asLong()).isEqualTo(2);
        assertThat(first.json().get("failed").asLong()).isEqualTo(1);
        assertThat(first.json().get("rows").get(2).get("message").asString()).contains("Row 4");
        assertThat(second.json().get("added").asLong()).isZero();
        assertThat(second.json().get("skipped").asLong()).isEqualTo(2);
        assertThat(api.get("/api/v1/groups/" + groupId).json().get("budget").get("allocatedToMembers").asString())
                .isEqualTo("100.0000");
    }

    @Test
    void theSystemAdminAppointsAGroupAdminFromThePool() {
        String email = "new-instructor-" + UUID.randomUUID() + "@northfield.test";
        api.basic(ADMIN, PASSWORD).post("/api/v1/users", """
                {"email": "%s", "displayName": "New Instructor"}
                """.formatted(email));

        var appointed = api.post("/api/v1/group-admins", """
                {"email": "%s", "budget": "1200", "periodStart": "2026-12-01", "periodEnd": "2027-06-30"}
                """.formatted(email));

        assertThat(appointed.status()).isEqualTo(201);
        assertThat(appointed.json().get("budget").get("allocated").asString()).isEqualTo("1200.0000");
        assertThat(appointed.json().get("budget").get("allocatedToGroups").asString()).isEqualTo("0.0000");
        var removed = api.delete("/api/v1/group-admins/" + appointed.json().get("id").asLong());
        assertThat(removed.json().get("reclaimed").asString()).isEqualTo("1200.0000");
    }
}
