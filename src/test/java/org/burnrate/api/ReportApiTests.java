package org.burnrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.NewUser;
import org.burnrate.organization.UserService;
import org.burnrate.security.SystemActor;
import org.burnrate.support.Api;
import org.burnrate.support.SignIn;
import org.burnrate.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/**
 * The reports through the REST API, driven by the test clock and metering runs: a group's burn and
 * a hosting plan's showback, compared with the debits the runs wrote. A group of its own with a new
 * instructor and two new students, beside the demo institution; on H2 and PostgreSQL.
 */
abstract class ReportApiTests {

    static final String ADMIN = "it.admin@northfield.test";
    static final String LOPEZ = "maria.lopez@northfield.test";
    static final String DEMO_PASSWORD = "burnrate-demo";
    static final String PASSWORD = "a long test password";
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 24);
    static final LocalDate TUESDAY = MONDAY.plusDays(1);

    @LocalServerPort
    int port;
    @Autowired
    UserService users;
    @Autowired
    TestClock clock;

    String instructor;
    String ada;
    String ben;
    String stranger;
    long adminAccountId;
    long groupId;
    long adaAccountId;
    long benAccountId;
    long vm;
    String vmName;
    long plan;
    long webApp;

    @BeforeEach
    void aGroupOfItsOwnWithTwoStudents() {
        clock.reset();
        String tag = UUID.randomUUID().toString();
        instructor = person("instructor", tag);
        ada = person("ada", tag);
        ben = person("ben", tag);
        stranger = person("stranger", tag);

        var admin = demo(ADMIN);
        vmName = "Report VM " + tag;
        vm = created(admin.post("/api/v1/templates", """
                {"name": "%s", "kind": "STANDALONE", "billing": "TIME",
                 "rate": {"units": "40", "per": "PT1H", "minimumSpan": "PT1M"}}""".formatted(vmName)));
        plan = created(admin.post("/api/v1/templates", """
                {"name": "Report plan %s", "kind": "CONTAINER", "billing": "TIME",
                 "rate": {"units": "10", "per": "PT1H", "minimumSpan": "PT1M"}}""".formatted(tag)));
        webApp = created(admin.post("/api/v1/templates", """
                {"name": "Report app %s", "kind": "CHILD", "parentTemplateId": %d, "billing": "TIME",
                 "rate": {"units": "0", "per": "PT1H", "minimumSpan": "PT1M"}}""".formatted(tag, plan)));
        var appointed = admin.post("/api/v1/group-admins", """
                {"email": "%s", "budget": "2000"}""".formatted(instructor));
        assertThat(appointed.status()).isEqualTo(201);
        adminAccountId = appointed.json().get("budget").get("accountId").asLong();

        var teacher = as(instructor);
        groupId = created(teacher.post("/api/v1/groups", """
                {"name": "Reports %s", "budget": "1000", "defaultAllocation": "200", "allowedTemplateIds": [%d, %d, %d]}
                """.formatted(tag, vm, plan, webApp)));
        adaAccountId = member(teacher, ada);
        benAccountId = member(teacher, ben);
    }

    @AfterEach
    void backToTheStart() {
        SignIn.out();
        clock.reset();
    }

    String person(String kind, String tag) {
        String email = kind + "-" + tag + "@reports.test";
        SystemActor.run(() -> users.create(new NewUser(email, "The " + kind, PASSWORD, Set.of(), false)));
        return email;
    }

    Api as(String email) {
        return new Api(port).basic(email, PASSWORD);
    }

    Api demo(String email) {
        return new Api(port).basic(email, DEMO_PASSWORD);
    }

    static long created(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asLong();
    }

    long member(Api teacher, String email) {
        var added = teacher.post("/api/v1/groups/" + groupId + "/members", "{\"email\": \"" + email + "\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        return added.json().get("budget").get("accountId").asLong();
    }

    long provision(String email, long templateId, String name, Long parent) {
        return created(as(email).post("/api/v1/groups/" + groupId + "/resources", """
                {"templateId": %d, "name": "%s", "parentResourceId": %s}""".formatted(templateId, name, parent)));
    }

    void stop(String email, long resourceId) {
        assertThat(as(email).post("/api/v1/resources/" + resourceId + "/stop", "{}").status()).isEqualTo(200);
    }

    void meter() {
        var run = demo(ADMIN).post("/api/v1/metering/runs", "{}");
        assertThat(run.status()).as(run.body()).isEqualTo(200);
        assertThat(run.json().get("linesWritten").asInt()).isPositive();
    }

    /** The DEBIT lines of an account written in [from, to), as its ledger API lists them. */
    List<JsonNode> debits(long accountId, Instant from, Instant to) {
        var lines = new ArrayList<JsonNode>();
        int page = 0;
        while (true) {
            var answer = demo(ADMIN).get("/api/v1/accounts/" + accountId + "/lines?type=DEBIT&from=" + from + "&to=" + to
                    + "&size=100&page=" + page++);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            answer.json().get("items").forEach(lines::add);
            if (lines.size() >= answer.json().get("total").asLong()) {
                return lines;
            }
        }
    }

    static String sum(List<JsonNode> lines) {
        return lines.stream().map(line -> new BigDecimal(line.get("amount").asString()))
                .reduce(BigDecimal.ZERO.setScale(4), BigDecimal::add).toPlainString();
    }

    String debitedOn(long accountId, LocalDate day) {
        var start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
        return sum(debits(accountId, start, start.plus(Duration.ofDays(1))));
    }

    static JsonNode row(JsonNode rows, String label) {
        for (JsonNode row : rows) {
            if (row.get("label").asString().equals(label)) {
                return row;
            }
        }
        throw new AssertionError("no row " + label + " in " + rows);
    }

    @Test
    void theGroupAdminSeesTheBurnPerMemberTemplateAndDayEqualToTheDebitsOfTheMeteringRuns() {
        // Monday 10:00: both start a VM at 40 units an hour; Ben stops after 15 minutes, Ada after 30.
        long adasVm = provision(ada, vm, "ada-vm", null);
        long bensVm = provision(ben, vm, "ben-vm", null);
        clock.advance(Duration.ofMinutes(15));
        stop(ben, bensVm);
        clock.advance(Duration.ofMinutes(15));
        stop(ada, adasVm);
        meter();
        // Tuesday 9:00: Ada runs hers again for 15 minutes.
        clock.set(TUESDAY.atTime(9, 0).toInstant(ZoneOffset.UTC));
        assertThat(as(ada).post("/api/v1/resources/" + adasVm + "/start", "{}").status()).isEqualTo(200);
        clock.advance(Duration.ofMinutes(15));
        stop(ada, adasVm);
        meter();

        var answer = as(instructor).get("/api/v1/groups/" + groupId + "/burn?from=2026-11-24&to=2026-11-25");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        var burn = answer.json();
        assertThat(burn.get("groupId").asLong()).isEqualTo(groupId);
        assertThat(burn.get("from").asString()).isEqualTo("2026-11-24");
        assertThat(burn.get("to").asString()).isEqualTo("2026-11-25");
        assertThat(burn.get("days").asInt()).isEqualTo(2);

        var adas = row(burn.get("byMember"), "The ada");
        var bens = row(burn.get("byMember"), "The ben");
        assertThat(burn.get("byMember")).hasSize(2);
        assertThat(burn.get("byMember").get(0)).as("the biggest spender first").isEqualTo(adas);
        assertThat(adas.get("total").asString()).isEqualTo("30.0000");
        assertThat(adas.get("perDay").get("2026-11-24").asString()).isEqualTo("20.0000");
        assertThat(adas.get("perDay").get("2026-11-25").asString()).isEqualTo("10.0000");
        assertThat(bens.get("total").asString()).isEqualTo("10.0000");
        assertThat(bens.get("perDay").get("2026-11-24").asString()).isEqualTo("10.0000");
        assertThat(bens.get("perDay").has("2026-11-25")).as("days without debits are left out").isFalse();
        // Every figure is what the metering runs debited, as the ledger lists it.
        var monday = MONDAY.atStartOfDay(ZoneOffset.UTC).toInstant();
        var wednesday = monday.plus(Duration.ofDays(2));
        assertThat(adas.get("total").asString()).isEqualTo(sum(debits(adaAccountId, monday, wednesday)));
        assertThat(bens.get("total").asString()).isEqualTo(sum(debits(benAccountId, monday, wednesday)));
        assertThat(adas.get("perDay").get("2026-11-24").asString()).isEqualTo(debitedOn(adaAccountId, MONDAY));
        assertThat(adas.get("perDay").get("2026-11-25").asString()).isEqualTo(debitedOn(adaAccountId, TUESDAY));
        assertThat(bens.get("perDay").get("2026-11-24").asString()).isEqualTo(debitedOn(benAccountId, MONDAY));
        assertThat(debits(adaAccountId, monday, wednesday)).allSatisfy(line -> assertThat(line.get("resourceId")
                .asLong()).isEqualTo(adasVm));
        assertThat(adas.get("id").asLong()).isEqualTo(as(ada).get("/api/v1/me").json().get("id").asLong());

        assertThat(burn.get("byTemplate")).hasSize(1);
        var vms = burn.get("byTemplate").get(0);
        assertThat(vms.get("id").asLong()).isEqualTo(vm);
        assertThat(vms.get("label").asString()).isEqualTo(vmName);
        assertThat(vms.get("total").asString()).isEqualTo("40.0000");
        assertThat(vms.get("perDay").get("2026-11-24").asString()).isEqualTo("30.0000");
        assertThat(vms.get("perDay").get("2026-11-25").asString()).isEqualTo("10.0000");
        assertThat(burn.get("total").asString()).isEqualTo("40.0000");

        var currency = demo(ADMIN).get("/api/v1/settings/currency").json();
        assertThat(burn.get("currency").asString()).isEqualTo(currency.get("currency").asString());
        assertThat(burn.get("totalInCurrency").asString()).isEqualTo(new BigDecimal("40")
                .multiply(new BigDecimal(currency.get("unitValue").asString())).setScale(2, RoundingMode.HALF_UP)
                .toPlainString());

        var bySystemAdmin = demo(ADMIN).get("/api/v1/groups/" + groupId + "/burn?from=2026-11-24&to=2026-11-25");
        assertThat(bySystemAdmin.status()).isEqualTo(200);
        assertThat(bySystemAdmin.json()).isEqualTo(burn);

        // Without dates: the last 30 days up to today (Tuesday); one day alone: that day's debits.
        var lastThirtyDays = as(instructor).get("/api/v1/groups/" + groupId + "/burn").json();
        assertThat(lastThirtyDays.get("from").asString()).isEqualTo("2026-10-27");
        assertThat(lastThirtyDays.get("to").asString()).isEqualTo("2026-11-25");
        assertThat(lastThirtyDays.get("days").asInt()).isEqualTo(30);
        assertThat(lastThirtyDays.get("total").asString()).isEqualTo("40.0000");
        var tuesday = as(instructor).get("/api/v1/groups/" + groupId + "/burn?from=2026-11-25&to=2026-11-25").json();
        assertThat(tuesday.get("total").asString()).isEqualTo("10.0000");
        assertThat(row(tuesday.get("byMember"), "The ben").get("total").asString()).isEqualTo("0.0000");
        assertThat(row(tuesday.get("byMember"), "The ben").get("perDay").isEmpty()).isTrue();
    }

    @Test
    void aMemberIsForbiddenTheBurnAndEveryoneOutsideTheGroupIsToldItDoesNotExist() {
        String burn = "/api/v1/groups/" + groupId + "/burn";

        var member = as(ada).get(burn);
        assertThat(member.status()).isEqualTo(403);
        assertThat(member.contentType()).startsWith("application/problem+json");
        assertThat(as(ada).get("/api/v1/groups/" + groupId).status()).as("the member sees the group itself")
                .isEqualTo(200);

        var outsider = as(stranger).get(burn);
        assertThat(outsider.status()).isEqualTo(404);
        assertThat(outsider.contentType()).startsWith("application/problem+json");
        assertThat(outsider.json().get("detail").asString()).isEqualTo("There is no group with id " + groupId + ".");
        assertThat(demo(LOPEZ).get(burn).status()).as("another group's admin").isEqualTo(404);
        assertThat(as(instructor).get("/api/v1/groups/" + Long.MAX_VALUE + "/burn").status()).isEqualTo(404);
        assertThat(new Api(port).get(burn).status()).isEqualTo(401);
    }

    @Test
    void badDatesAreRefusedWithA400ThatSaysWhatWouldBeAccepted() {
        var teacher = as(instructor);
        String burn = "/api/v1/groups/" + groupId + "/burn";

        var unreadable = teacher.get(burn + "?from=24.11.2026");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.contentType()).startsWith("application/problem+json");
        assertThat(unreadable.json().get("detail").asString())
                .isEqualTo("from: '24.11.2026' is not a date; write it as YYYY-MM-DD, for example 2026-11-24.");
        assertThat(unreadable.json().get("errors").has("from")).isTrue();

        var noSuchDay = teacher.get(burn + "?from=2026-11-01&to=2026-02-30");
        assertThat(noSuchDay.status()).isEqualTo(400);
        assertThat(noSuchDay.json().get("detail").asString()).startsWith("to: '2026-02-30' is not a date");
        assertThat(noSuchDay.json().get("errors").has("to")).isTrue();

        var backwards = teacher.get(burn + "?from=2026-11-25&to=2026-11-24");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("detail").asString()).isEqualTo(
                "The first day, 2026-11-25, comes after the last, 2026-11-24; choose a first day on or before the last.");

        var afterToday = teacher.get(burn + "?from=2026-12-01");
        assertThat(afterToday.status()).as("the last day defaults to today").isEqualTo(400);
        assertThat(afterToday.json().get("detail").asString()).contains("comes after the last, 2026-11-24");

        var tooLong = teacher.get(burn + "?from=2025-11-23&to=2026-11-24");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().get("detail").asString()).isEqualTo("From 2025-11-23 to 2026-11-24 is 367 days; "
                + "a report covers at most 366 days, so the first day can be 2025-11-24 at the earliest.");

        var aYear = teacher.get(burn + "?from=2025-11-24&to=2026-11-24");
        assertThat(aYear.status()).isEqualTo(200);
        assertThat(aYear.json().get("days").asInt()).isEqualTo(366);
        assertThat(aYear.json().get("total").asString()).isEqualTo("0.0000");
        assertThat(aYear.json().get("byMember")).extracting(r -> r.get("label").asString())
                .containsExactly("The ada", "The ben");
    }

    @Test
    void theHostingPlansOwnerSeesEachSpanSharedAmongTheAppsRunningAtItsStart() {
        // As the service test: the plan at 0:00, Ada's app at 0:30, Ben's at 1:30, metered at 3:00.
        long hosting = provision(instructor, plan, "CS240 plan", null);
        clock.advance(Duration.ofSeconds(30));
        long adasApp = provision(ada, webApp, "ada-site", hosting);
        clock.advance(Duration.ofSeconds(60));
        long bensApp = provision(ben, webApp, "ben-site", hosting);
        clock.advance(Duration.ofSeconds(90));
        meter();

        var answer = as(instructor).get("/api/v1/resources/" + hosting + "/showback?spans=true");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        var showback = answer.json();
        assertThat(showback.get("resourceId").asLong()).isEqualTo(hosting);
        assertThat(showback.get("name").asString()).isEqualTo("CS240 plan");

        // The plan's debits are on the instructor's budget: the report's spans are exactly those lines.
        var lines = debits(adminAccountId, Instant.EPOCH, clock.instant().plusSeconds(1)).stream()
                .filter(line -> line.get("resourceId").asLong() == hosting)
                .sorted(java.util.Comparator.comparing(line -> line.get("spanStart").asString())).toList();
        assertThat(lines).hasSize(3);
        assertThat(showback.get("spanCount").asInt()).isEqualTo(3);
        assertThat(showback.get("total").asString()).isEqualTo(sum(lines));
        var spans = showback.get("spans");
        assertThat(spans).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(spans.get(i).get("spanStart").asString()).isEqualTo(lines.get(i).get("spanStart").asString());
            assertThat(spans.get(i).get("amount").asString()).isEqualTo(lines.get(i).get("amount").asString());
        }
        // 0:00 no app yet (unused), 1:00 Ada's alone, 2:00 both; every span's shares sum to the span.
        assertThat(spans.get(0).get("shares").isEmpty()).isTrue();
        assertThat(showback.get("unused").asString()).isEqualTo(spans.get(0).get("amount").asString());
        assertThat(spans.get(1).get("shares")).extracting(s -> s.get("resourceId").asLong()).containsExactly(adasApp);
        assertThat(spans.get(1).get("shares").get(0).get("share").asString())
                .isEqualTo(spans.get(1).get("amount").asString());
        assertThat(spans.get(2).get("shares")).extracting(s -> s.get("resourceId").asLong())
                .containsExactly(adasApp, bensApp);
        var third = spans.get(2).get("shares");
        assertThat(new BigDecimal(third.get(0).get("share").asString()).add(new BigDecimal(third.get(1).get("share")
                .asString()))).isEqualByComparingTo(spans.get(2).get("amount").asString());

        var apps = showback.get("apps");
        assertThat(apps).extracting(a -> a.get("resourceId").asLong()).containsExactly(adasApp, bensApp);
        assertThat(apps.get(0).get("name").asString()).isEqualTo("ada-site");
        assertThat(apps.get(0).get("owner").asString()).isEqualTo("The ada");
        assertThat(apps.get(1).get("owner").asString()).isEqualTo("The ben");
        assertThat(new BigDecimal(apps.get(0).get("share").asString())).isEqualByComparingTo(new BigDecimal(
                spans.get(1).get("amount").asString()).add(new BigDecimal(third.get(0).get("share").asString())));
        assertThat(apps.get(1).get("share").asString()).isEqualTo(third.get(1).get("share").asString());
        assertThat(new BigDecimal(apps.get(0).get("share").asString()).add(new BigDecimal(apps.get(1).get("share")
                .asString())).add(new BigDecimal(showback.get("unused").asString())))
                .as("the shares and the unused capacity add up to the plan's debits")
                .isEqualByComparingTo(showback.get("total").asString());
        assertThat(as(instructor).get("/api/v1/resources/" + hosting).json().get("costSoFar").asString())
                .isEqualTo(showback.get("total").asString());

        var withoutSpans = as(instructor).get("/api/v1/resources/" + hosting + "/showback").json();
        assertThat(withoutSpans.get("spans").isNull()).isTrue();
        assertThat(withoutSpans.get("apps")).isEqualTo(apps);
        var bySystemAdmin = demo(ADMIN).get("/api/v1/resources/" + hosting + "/showback?spans=true");
        assertThat(bySystemAdmin.status()).isEqualTo(200);
        assertThat(bySystemAdmin.json()).isEqualTo(showback);

        // The members see the shared plan but do not manage it; outsiders do not learn it exists.
        assertThat(as(ada).get("/api/v1/resources/" + hosting).status()).isEqualTo(200);
        assertThat(as(ada).get("/api/v1/resources/" + hosting + "/showback").status()).isEqualTo(403);
        assertThat(as(stranger).get("/api/v1/resources/" + hosting + "/showback").status()).isEqualTo(404);
        assertThat(demo(LOPEZ).get("/api/v1/resources/" + hosting + "/showback").status()).isEqualTo(404);
        // An app is not a container.
        var notAContainer = as(instructor).get("/api/v1/resources/" + adasApp + "/showback");
        assertThat(notAContainer.status()).isEqualTo(400);
        assertThat(notAContainer.json().get("detail").asString()).contains("Only a container's burn");

        assertThat(as(instructor).delete("/api/v1/resources/" + hosting + "?withChildren=true").status()).isEqualTo(200);
    }

    @Test
    void theReportsAreDocumentedInTheOpenApiDescription() {
        var paths = new Api(port).get("/v3/api-docs").json().get("paths");

        var burn = paths.get("/api/v1/groups/{groupId}/burn").get("get");
        assertThat(burn.get("summary").asString()).isEqualTo("A group's burn per member, per template and per day");
        assertThat(burn.get("description").asString()).contains("at most 366 days").contains("perDay");
        assertThat(burn.get("parameters")).extracting(p -> p.get("name").asString()).contains("from", "to");
        var showback = paths.get("/api/v1/resources/{id}/showback").get("get");
        assertThat(showback.get("summary").asString()).isEqualTo("A hosting plan's burn apportioned to its apps");
        assertThat(showback.get("parameters")).extracting(p -> p.get("name").asString()).contains("spans");
    }
}
