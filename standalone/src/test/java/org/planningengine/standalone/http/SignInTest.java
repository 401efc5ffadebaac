package org.planningengine.standalone.http;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.planningengine.standalone.TestUsers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in with a name and password, and the users an administrator keeps: every refusal is problem+json and
 * changes nothing; a change of roles holds from the next request on.
 */
class SignInTest extends HttpTestBase {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void withoutCredentialsOrWithWrongOnesARequestIsUnauthenticatedAndAppendsNothing() throws Exception {
        long taken = positionsTaken();
        String team = "{\"id\": \"sign-in-team\", \"name\": \"x\"}";

        HttpApi.Response nobody = api.anonymous().post("/api/teams", team);
        HttpResponse<String> wrongPassword = post("/api/teams", TestUsers.basic("planner", "not-the-password"), team);
        HttpResponse<String> unknownUser = post("/api/teams", TestUsers.basic("nobody", TestUsers.PASSWORD), team);
        HttpResponse<String> notBasic = post("/api/teams", "Basic not-base64!", team);

        assertThat(nobody.status()).isEqualTo(401);
        assertThat(nobody.contentType()).isEqualTo("application/problem+json");
        assertThat(nobody.body().get("type").asText()).isEqualTo("urn:planning-engine:problem:unauthenticated");
        assertThat(nobody.body().get("detail").asText()).isEqualTo("sign in: send a user name and password (HTTP Basic)");
        for (HttpResponse<String> wrong : List.of(wrongPassword, unknownUser, notBasic)) {
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"planning-engine\"");
            assertThat(wrong.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        // An unknown user is told what a wrong password is told: nobody learns who has an account.
        assertThat(unknownUser.body()).isEqualTo(wrongPassword.body()).contains("the user name or password is wrong");
        assertThat(api.anonymous().get("/api/cycles").status()).isEqualTo(401);
        assertThat(positionsTaken()).isEqualTo(taken);
    }

    @Test
    void theSignedInUserReadsItsRolesAndTheTeamsItLeads() {
        HttpApi.Response lead = api.as("lead").get("/api/me");
        HttpApi.Response viewer = api.as("viewer").get("/api/me");
        HttpApi.Response planner = api.as("planner").get("/api/me");

        assertThat(lead.status()).isEqualTo(200);
        assertThat(lead.body().toString())
                .isEqualTo("{\"name\":\"lead\",\"roles\":[\"VIEWER\",\"CONTRIBUTOR\",\"LEAD\"],\"leads\":[\"acl-team\"]}");
        assertThat(viewer.body().toString()).isEqualTo("{\"name\":\"viewer\",\"roles\":[\"VIEWER\"],\"leads\":[]}");
        assertThat(planner.body().get("roles").toString()).isEqualTo("[\"VIEWER\",\"CONTRIBUTOR\",\"LEAD\",\"PLANNER\"]");
        assertThat(planner.body().get("leads").toString()).isEqualTo("[]");
        assertThat(api.anonymous().get("/api/me").status()).isEqualTo(401);
    }

    @Test
    void aPagesScriptIsNotChallengedSoTheBrowserShowsNoLoginBoxOfItsOwn() throws Exception {
        HttpResponse<String> fromScript = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                                                                      + "/api/cycles"))
                                                               .header("X-Requested-With", "XMLHttpRequest").build(),
                                                    HttpResponse.BodyHandlers.ofString());

        assertThat(fromScript.statusCode()).isEqualTo(401);
        assertThat(fromScript.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(fromScript.body()).contains("urn:planning-engine:problem:unauthenticated");
    }

    @Test
    void healthAnswersWithoutCredentialsTheRestOfTheActuatorDoesNot() {
        // (The metrics the scraper reads need none either: StandaloneApplicationTest reads them.)
        assertThat(api.anonymous().get("/actuator/health").status()).isEqualTo(200);
        assertThat(api.anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(api.anonymous().get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(api.as("planner").get("/actuator/metrics").status()).isEqualTo(403);
    }

    @Test
    void aRequestNoRuleNamesIsRefusedEvenToAnAdministrator() {
        HttpApi.Response unmapped = api.post("/api/not-an-endpoint", "{}");

        assertThat(unmapped.status()).isEqualTo(403);
        assertThat(unmapped.body().get("detail").asText()).isEqualTo("'tester' may not POST /api/not-an-endpoint");
    }

    @Test
    void anIdempotencyKeyIsItsUsersAnotherUserSendingItIsRefused() {
        String body = "{\"id\": \"keyed-team\", \"name\": \"Keyed\"}";
        HttpResponse<String> first = keyed("maria", body);
        long taken = positionsTaken();

        HttpResponse<String> again = keyed("maria", body);
        HttpResponse<String> other = keyed("li", body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.body()).contains("Idempotency-Key shared-key-1 was used for another request");
        assertThat(positionsTaken()).isEqualTo(taken);
    }

    @Test
    void anAdministratorCreatesAUserWhoSignsInWithTheRolesItWasGivenAndLosesThemWhenTheyChange() {
        HttpApi.Response created = api.exchange("PUT", "/api/admin/users/nadia", """
                {"password": "nadia-long-password", "roles": ["CONTRIBUTOR"]}""");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("roles").toString()).isEqualTo("[\"CONTRIBUTOR\"]");
        assertThat(created.body().get("updatedBy").asText()).isEqualTo("tester");
        Document stored = database.getCollection("users").find(new Document("_id", "nadia")).first();
        assertThat(stored.getString("passwordHash")).startsWith("{bcrypt}$2a$10$").doesNotContain("nadia-long");

        HttpResponse<String> notAPlanner = asNadia("nadia-long-password", "/api/teams",
                                                   "{\"id\": \"nadias\", \"name\": \"x\"}");
        assertThat(notAPlanner.statusCode()).isEqualTo(403);
        assertThat(notAPlanner.body()).contains("that needs the role PLANNER");
        // No one holds a bare LEAD: the refusal names the grants that would allow it.
        assertThat(asNadia("nadia-long-password", "/api/objectives", "{\"cycleId\": \"none\", \"title\": \"x\"}")
                           .body()).contains("that needs LEAD:<team id> (of any team) or the role PLANNER");
        assertThat(asNadia("nadia-long-password", "/api/lessons", "{\"cycleId\": \"none\", \"text\": \"x\"}")
                           .statusCode()).isEqualTo(404);

        HttpApi.Response promoted = api.exchange("PUT", "/api/admin/users/nadia", "{\"roles\": [\"PLANNER\"]}");
        assertThat(promoted.status()).isEqualTo(200);
        assertThat(asNadia("nadia-long-password", "/api/teams", "{\"id\": \"nadias\", \"name\": \"x\"}")
                           .statusCode()).isEqualTo(201);

        assertThat(api.exchange("PUT", "/api/admin/users/nadia", """
                {"password": "another-long-password", "roles": ["VIEWER"]}""").status()).isEqualTo(200);
        assertThat(asNadia("nadia-long-password", "/api/teams", "{\"id\": \"x\", \"name\": \"x\"}").statusCode())
                .isEqualTo(401);

        assertThat(api.exchange("DELETE", "/api/admin/users/nadia", null).status()).isEqualTo(204);
        assertThat(asNadia("another-long-password", "/api/teams", "{\"id\": \"x\", \"name\": \"x\"}").statusCode())
                .isEqualTo(401);
    }

    @Test
    void theUserListShowsConfiguredAndStoredUsersWithTheirRolesAndNeverAHash() {
        api.write("/api/teams", "{\"id\": \"sign-in-listed\", \"name\": \"Listed\"}");
        api.exchange("PUT", "/api/admin/users/listed", "{\"password\": \"listed-long-password\", \"roles\": "
                                                       + "[\"LEAD:sign-in-listed\", \"CONTRIBUTOR\"]}");

        HttpApi.Response list = api.get("/api/admin/users");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.raw()).doesNotContain("bcrypt").doesNotContain("password");
        assertThat(list.body().get("users").findValuesAsText("name")).contains("lead", "listed", "tester")
                                                                     .isSorted();
        assertThat(list.raw()).contains("{\"name\":\"lead\",\"roles\":[\"LEAD:acl-team\"],\"source\":\"CONFIGURATION\"")
                              .contains("{\"name\":\"listed\",\"roles\":[\"LEAD:sign-in-listed\",\"CONTRIBUTOR\"],"
                                        + "\"source\":\"USER_STORE\",\"updatedBy\":\"tester\"");
    }

    @Test
    void badUserChangesAreRefusedAndChangeNothing() {
        api.exchange("PUT", "/api/admin/users/kept", "{\"password\": \"kept-long-password\", \"roles\": [\"VIEWER\"]}");
        Document before = database.getCollection("users").find(new Document("_id", "kept")).first();

        assertRefused(api.exchange("PUT", "/api/admin/users/kept", "{\"password\": \"short\", \"roles\": [\"VIEWER\"]}"),
                      422, "password", "at least 12 characters");
        assertRefused(api.exchange("PUT", "/api/admin/users/kept",
                                   "{\"password\": \"" + "é".repeat(40) + "\", \"roles\": [\"VIEWER\"]}"),
                      422, "password", "at most 72 bytes");
        assertRefused(api.exchange("PUT", "/api/admin/users/kept", "{\"roles\": [\"VIEWER\", \"OWNER\"]}"),
                      422, "roles[1]", "'OWNER' is not a role");
        assertRefused(api.exchange("PUT", "/api/admin/users/kept", "{\"roles\": [\"LEAD\"]}"),
                      422, "roles[0]", "a lead is named with its team");
        assertRefused(api.exchange("PUT", "/api/admin/users/kept", "{\"roles\": [\"VIEWER\", \"LEAD:nope\"]}"),
                      422, "roles[1]", "'LEAD:nope' names team nope, which does not exist");
        assertRefused(api.exchange("PUT", "/api/admin/users/kept", "{\"roles\": []}"),
                      422, "roles", "at least one role");
        assertRefused(api.exchange("PUT", "/api/admin/users/kept", "{\"roles\": [\"VIEWER\"], \"admin\": true}"),
                      400, "admin", null);
        assertRefused(api.exchange("PUT", "/api/admin/users/Not%20A%20Name", "{\"password\": \"long-enough-pass\", "
                                                                           + "\"roles\": [\"VIEWER\"]}"),
                      422, "name", "a user name is");
        assertRefused(api.exchange("PUT", "/api/admin/users/newcomer", "{\"roles\": [\"VIEWER\"]}"),
                      422, "password", "a new user needs a password");
        assertRefused(api.exchange("PUT", "/api/admin/users/planner", "{\"roles\": [\"ADMIN\"]}"),
                      409, null, "named in configuration");
        assertRefused(api.exchange("DELETE", "/api/admin/users/planner", null), 409, null, "named in configuration");
        assertRefused(api.exchange("DELETE", "/api/admin/users/nobody-at-all", null), 404, "name", "no user");

        assertThat(database.getCollection("users").find(new Document("_id", "kept")).first()).isEqualTo(before);
        assertThat(database.getCollection("users").find(new Document("_id", "newcomer")).first()).isNull();
    }

    @Test
    void anAdministratorCannotLockItselfOut() {
        api.exchange("PUT", "/api/admin/users/second-admin",
                     "{\"password\": \"second-long-password\", \"roles\": [\"ADMIN\"]}");
        String self = "/api/admin/users/second-admin";

        HttpResponse<String> demoted = send("PUT", self, TestUsers.basic("second-admin", "second-long-password"),
                                            "{\"roles\": [\"PLANNER\"]}");
        HttpResponse<String> removed = send("DELETE", self, TestUsers.basic("second-admin", "second-long-password"),
                                            null);

        assertThat(demoted.statusCode()).isEqualTo(409);
        assertThat(demoted.body()).contains("cannot take ADMIN from itself");
        assertThat(removed.statusCode()).isEqualTo(409);
        assertThat(api.exchange("DELETE", self, null).status()).isEqualTo(204);
    }

    private static void assertRefused(HttpApi.Response response, int status, String field, String detail) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        if (detail != null) {
            assertThat(response.body().get("detail").asText()).contains(detail);
        }
        if (field != null) {
            assertThat(response.body().get("errors").findValuesAsText("field")).contains(field);
        }
    }

    private HttpResponse<String> keyed(String user, String body) {
        return send("POST", "/api/teams", TestUsers.basic(user), body, "shared-key-1");
    }

    private HttpResponse<String> asNadia(String password, String path, String body) {
        return post(path, TestUsers.basic("nadia", password), body);
    }

    private HttpResponse<String> post(String path, String authorization, String body) {
        return send("POST", path, authorization, body);
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body) {
        return send(method, path, authorization, body, null);
    }

    private HttpResponse<String> send(String method, String path, String authorization, String body, String key) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json")
                    .header("Authorization", authorization)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                                 : HttpRequest.BodyPublishers.ofString(body));
            if (key != null) {
                request.header("Idempotency-Key", key);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
