package org.burnrate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;

import org.burnrate.organization.GlobalRole;
import org.burnrate.organization.NewUser;
import org.burnrate.organization.UserService;
import org.burnrate.security.ApiTokenInfo;
import org.burnrate.security.ApiTokenService;
import org.burnrate.security.PortalUserDirectory;
import org.burnrate.support.Api;
import org.burnrate.support.SignIn;
import org.burnrate.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The REST API from outside, as a script would use it, against the demo institution; run on H2
 * and on PostgreSQL by the subclasses.
 */
abstract class PublicApiTests {

    static final String ADMIN = "it.admin@northfield.test";
    static final String INSTRUCTOR = "maria.lopez@northfield.test";
    static final String STUDENT = "ada.okafor@northfield.test";
    static final String PASSWORD = "burnrate-demo";

    @LocalServerPort
    int port;
    @Autowired
    ApiTokenService tokens;
    @Autowired
    PortalUserDirectory directory;
    @Autowired
    TestClock clock;
    @Autowired
    UserService users;

    Api api;

    @BeforeEach
    void client() {
        clock.reset();
        api = new Api(port);
    }

    @AfterEach
    void signOut() {
        SignIn.out();
    }

    @Test
    void meAnswers401WithAProblemDetailWithoutCredentials() {
        var response = api.get("/api/v1/me");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains("Bearer");
    }

    @Test
    void meAnswersTheCallersProfileWithAPersonalTokenUntilItIsRevoked() {
        SignIn.as(directory, INSTRUCTOR);
        var created = tokens.create("grading script");
        SignIn.out();

        var me = api.bearer(created.secret()).get("/api/v1/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("email").asString()).isEqualTo(INSTRUCTOR);
        assertThat(me.json().get("name").asString()).isEqualTo("Dr. Maria Lopez");
        assertThat(me.json().get("roles").get(0).asString()).isEqualTo("GROUP_ADMIN");

        SignIn.as(directory, INSTRUCTOR);
        tokens.revoke(created.token().id());
        SignIn.out();
        var refused = api.get("/api/v1/me");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("detail").asString()).contains("unknown or revoked");
        assertThat(api.bearer("brt_made-up").get("/api/v1/me").status()).isEqualTo(401);
    }

    @Test
    void aTokenActsWithItsOwnersRolesAndFlagsAsTheyAreNowAndItsLastUseIsShownToTheMinute() {
        var email = "script-owner-" + UUID.randomUUID() + "@northfield.test";
        var owner = org.burnrate.security.SystemActor.call(() -> users.create(new NewUser(email, "Script Owner",
                "a long test password", Set.of(GlobalRole.SYSTEM_ADMIN), false)));
        SignIn.as(directory, email);
        var created = tokens.create("nightly export");
        SignIn.out();
        var script = new Api(port).bearer(created.secret());
        var start = clock.instant();

        assertThat(script.get("/api/v1/users?size=1").status()).as("a system admin lists people").isEqualTo(200);
        clock.advance(java.time.Duration.ofSeconds(30));
        assertThat(script.get("/api/v1/me").status()).isEqualTo(200);
        SignIn.as(directory, email);
        assertThat(tokens.listMine()).singleElement().extracting(ApiTokenInfo::lastUsedAt)
                .as("the first use; one 30 seconds later is not written").isEqualTo(start);
        SignIn.out();

        SignIn.as(directory, ADMIN);
        users.changeRoles(owner.id(), Set.of());
        assertThat(script.get("/api/v1/users?size=1").status()).as("no longer a system admin").isEqualTo(403);
        users.disable(owner.id());
        assertThat(script.get("/api/v1/me").status()).as("the owner is disabled").isEqualTo(401);
        users.enable(owner.id());
        SignIn.out();
        clock.advance(java.time.Duration.ofMinutes(1));
        assertThat(script.get("/api/v1/me").status()).as("enabled again").isEqualTo(200);
        SignIn.as(directory, email);
        assertThat(tokens.listMine()).singleElement().extracting(ApiTokenInfo::lastUsedAt)
                .isEqualTo(start.plus(java.time.Duration.ofSeconds(90)));
    }

    @Test
    void httpBasicWorksWithTheUsersOwnLogin() {
        var me = api.basic(STUDENT, PASSWORD).get("/api/v1/me");

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("roles")).isEmpty();
    }

    @Test
    void fiveWrongPasswordsLockTheAccountWithAMessageThatSaysSo() {
        String victim = "tara.obrien@northfield.test";
        for (int i = 0; i < 5; i++) {
            assertThat(api.basic(victim, "not the password").get("/api/v1/me").status()).isEqualTo(401);
        }

        var locked = api.basic(victim, PASSWORD).get("/api/v1/me");

        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.json().get("detail").asString()).contains("locked after repeated failed sign-ins");
    }

    @Test
    void aSystemAdminCreatesAndFindsPeople() {
        String email = "new-" + UUID.randomUUID() + "@northfield.test";
        api.basic(ADMIN, PASSWORD);

        var created = api.post("/api/v1/users", """
                {"email": "%s", "displayName": "New Student", "password": "a long initial password"}
                """.formatted(email));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("passwordChangeRequired").asBoolean()).isTrue();

        var found = api.get("/api/v1/users?email=" + email);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("total").asLong()).isEqualTo(1);
        assertThat(found.json().get("items").get(0).get("displayName").asString()).isEqualTo("New Student");

        var generated = api.get("/api/v1/users?email=admin@burnrate.local");
        assertThat(generated.json().get("total").asLong()).as("the demo admin makes a generated one unnecessary").isZero();

        var page = api.get("/api/v1/users?q=northfield&page=0&size=5");
        assertThat(page.json().get("items")).hasSize(5);
        assertThat(page.json().get("total").asLong()).isGreaterThanOrEqualTo(23);
    }

    @Test
    void badInputIsA400ProblemNamingTheFieldAndDuplicatesA409() {
        api.basic(ADMIN, PASSWORD);

        var invalid = api.post("/api/v1/users", """
                {"email": "nope", "displayName": "X"}
                """);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(invalid.json().get("errors").get("email").asString()).contains("not an email address");

        var duplicate = api.post("/api/v1/users", """
                {"email": "%s", "displayName": "Again"}
                """.formatted(STUDENT));
        assertThat(duplicate.status()).isEqualTo(409);
    }

    @Test
    void aRepeatWithTheSameIdempotencyKeyReturnsTheFirstResultAndCreatesNothing() {
        String email = "once-" + UUID.randomUUID() + "@northfield.test";
        String key = UUID.randomUUID().toString();
        String body = """
                {"email": "%s", "displayName": "Only Once"}
                """.formatted(email);
        api.basic(ADMIN, PASSWORD);

        var first = api.post("/api/v1/users", body, "Idempotency-Key", key);
        var repeat = api.post("/api/v1/users", body, "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeat.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(api.get("/api/v1/users?email=" + email).json().get("total").asLong()).isEqualTo(1);

        var reused = api.post("/api/v1/users", body.replace("Only Once", "Someone Else"), "Idempotency-Key", key);
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("detail").asString()).contains("already used for a different request");

        var withoutKey = api.post("/api/v1/users", body);
        assertThat(withoutKey.status()).as("without a key a repeat is a new request").isEqualTo(409);
    }

    @Test
    void anUnreadableBodyIsA400ThatSaysWhatIsWrong() {
        api.basic(ADMIN, PASSWORD);

        var broken = api.post("/api/v1/users", "{\"email\": ");
        var wrongRole = api.post("/api/v1/users", """
                {"email": "x-%s@northfield.test", "displayName": "X", "roles": ["OVERLORD"]}
                """.formatted(UUID.randomUUID()));

        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().get("detail").asString()).contains("could not be read");
        assertThat(wrongRole.status()).isEqualTo(400);
        assertThat(wrongRole.json().get("detail").asString()).contains("OVERLORD").contains("SYSTEM_ADMIN");
    }

    @Test
    void rolesDecideWhoMayCreateOrListPeople() {
        var asStudent = api.basic(STUDENT, PASSWORD).post("/api/v1/users", """
                {"email": "x-%s@northfield.test", "displayName": "X"}
                """.formatted(UUID.randomUUID()));
        assertThat(asStudent.status()).isEqualTo(403);

        api.basic(INSTRUCTOR, PASSWORD);
        assertThat(api.get("/api/v1/users?email=" + STUDENT).json().get("total").asLong()).isEqualTo(1);
        assertThat(api.get("/api/v1/users").status()).isEqualTo(403);
        var grant = api.post("/api/v1/users", """
                {"email": "x-%s@northfield.test", "displayName": "X", "roles": ["SYSTEM_ADMIN"]}
                """.formatted(UUID.randomUUID()));
        assertThat(grant.status()).isEqualTo(403);
    }

    @Test
    void healthAnswersWithoutSignInButMetricsNeedASystemAdmin() {
        assertThat(api.anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(api.basic(STUDENT, PASSWORD).get("/actuator/prometheus").status()).isEqualTo(403);
        var metrics = api.basic(ADMIN, PASSWORD).get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void theOpenApiDescriptionDocumentsTheApi() {
        var docs = api.anonymous().get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").has("/api/v1/me")).isTrue();
        assertThat(docs.json().get("paths").has("/api/v1/users")).isTrue();
    }
}
