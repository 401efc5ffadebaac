package org.planningengine.standalone.http;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.planningengine.standalone.RawHttp;
import org.planningengine.standalone.TestUsers;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input is read strictly everywhere, and every refusal is problem+json in the engine's own words: a key twice in a
 * body, a query parameter no endpoint takes, a filter value that names nothing, a method the path does not take, a
 * path that names nothing, and paths the servlet container or the firewall refuse (an encoded slash, a NUL,
 * {@code ..}, matrix parameters, {@code /WEB-INF}), sent as raw request lines so that no client tidies them first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictRequestsTest extends HttpTestBase {

    private static final String TYPES = "urn:planning-engine:problem:";

    @BeforeAll
    void aCycle() {
        client();
        awaitViews(api.write("/api/cycles", """
                {"id": "str-s1", "name": "Strict", "startDate": "2043-04-01", "endDate": "2043-09-30"}"""));
    }

    @Test
    void aKeyTwiceInABodyIsRefusedNamingItAndAppendsNothing() {
        long taken = positionsTaken();
        HttpApi.Response cycle = api.post("/api/cycles", """
                {"id": "str-dup", "name": "One", "name": "Two", "startDate": "2043-10-01", "endDate": "2044-03-31"}""");
        assertFieldProblem(cycle, 400, "malformed-request", "name");

        HttpApi.Response nested = api.put("/api/cycles/str-s1/policy", """
                {"policy": {"buckets": [{"name": "all", "share": 100, "share": 0,
                                         "categories": ["NEW_INITIATIVE", "KTLO", "TEAM_INITIATIVE"]}],
                            "tolerance": 5}, "reason": "r"}""");
        assertFieldProblem(nested, 400, "malformed-request", "policy.buckets[0].share");

        HttpApi.Response user = api.put("/api/admin/users/str-user", """
                {"password": "a-long-password-1", "roles": ["VIEWER"], "roles": ["ADMIN"]}""");
        assertFieldProblem(user, 400, "malformed-request", "roles");
        assertThat(api.get("/api/admin/users").raw()).doesNotContain("str-user");

        HttpApi.Response imported = api.postFile("/api/cycles/str-s1/imports", "application/x-ndjson", """
                {"title": "Dup", "team": "str-team", "category": "KTLO", "category": "KTLO"}
                """);
        assertThat(imported.status()).as(imported.raw()).isEqualTo(422);
        assertThat(imported.body().get("detail").asText()).contains("category");
        assertThat(positionsTaken()).isEqualTo(taken);
    }

    @Test
    void aQueryParameterNoEndpointTakesIsRefusedNamingTheAcceptedOnes() {
        HttpApi.Response misspelt = api.get("/api/cycles/str-s1/roadmap?tem=web");
        assertFieldProblem(misspelt, 400, "malformed-request", "tem");
        assertThat(misspelt.body().get("detail").asText()).contains("team", "category", "status", "asOf",
                                                                    "consistentWith");

        for (String path : List.of("/api/cycles?limit=5", "/api/cycles/str-s1?as_of=2043-05-01T00:00:00Z",
                                   "/api/cycles/str-s1/capacity?team=x", "/api/cycles/str-s1/okrs?status=ACTIVE",
                                   "/api/cycles/str-s1/retrospective?x=1", "/api/cycles/str-s1/roadmap/diff?since=1",
                                   "/api/decisions?cycles=str-s1", "/api/initiatives/str-i/history?asOf=x",
                                   "/api/admin/projections/status?verbose=true", "/api/admin/users?name=x",
                                   "/api/cycles/str-s1/imports/x?wait=1")) {
            HttpApi.Response response = api.get(path);
            assertThat(response.status()).as(path + ": " + response.raw()).isEqualTo(400);
            assertThat(response.body().get("type").asText()).isEqualTo(TYPES + "malformed-request");
        }
        long taken = positionsTaken();
        HttpApi.Response write = api.post("/api/cycles?dryRun=true", """
                {"id": "str-param", "name": "P", "startDate": "2044-04-01", "endDate": "2044-09-30"}""");
        assertFieldProblem(write, 400, "malformed-request", "dryRun");
        HttpApi.Response importOption = api.postFile("/api/cycles/str-s1/imports?dryrun=true", "text/csv",
                                                     "title,team,category\nX,str-team,KTLO\n");
        assertFieldProblem(importOption, 400, "malformed-request", "dryrun");
        assertThat(positionsTaken()).isEqualTo(taken);

        // What every read takes, and an import's own options, still pass.
        assertThat(api.get("/api/cycles/str-s1/roadmap?team=web&consistentWith=0").status()).isEqualTo(200);
        assertThat(api.postFile("/api/cycles/str-s1/imports?dryRun=true&mode=skip-bad-rows", "text/csv",
                                "title,team,category\nX,str-team,KTLO\n").status()).isEqualTo(200);
    }

    @Test
    void aFilterValueThatNamesNothingIsAProblemNotAnEmptyAnswer() {
        HttpApi.Response type = api.get("/api/decisions?type=InitiativeScored,scored");
        assertFieldProblem(type, 400, "malformed-request", "type");
        assertThat(type.body().get("detail").asText()).contains("InitiativeScored", "PlanCommitted");
        HttpApi.Response cycle = api.get("/api/decisions?cycle=nope");
        assertThat(cycle.status()).as(cycle.raw()).isEqualTo(404);
        assertThat(cycle.body().get("type").asText()).isEqualTo(TYPES + "unknown-reference");
        assertThat(cycle.body().get("detail").asText()).contains("cycle nope");
        assertThat(api.get("/api/decisions?cycle=nope", "text/csv").status()).isEqualTo(404);

        assertThat(api.get("/api/decisions?cycle=str-s1&type=InitiativeScored").status()).isEqualTo(200);
    }

    @Test
    void aMethodThePathDoesNotTakeIs405WithAllow() throws IOException {
        for (String[] request : new String[][]{{"DELETE", "/api/cycles/str-s1"}, {"PUT", "/api/cycles"},
                                               {"POST", "/api/decisions"}, {"PATCH", "/api/initiatives"},
                                               {"POST", "/api/cycles/str-s1/roadmap"}}) {
            RawHttp.Answer answer = raw(request[0], request[1], TestUsers.basic("viewer"));
            assertProblem(answer, 405, "method-not-allowed");
            assertThat(answer.headers()).as(request[0] + " " + request[1]).containsKey("allow");
        }
        assertThat(raw("DELETE", "/api/cycles/str-s1", TestUsers.basic("viewer")).headers().get("allow"))
                .contains("GET");
        // Without credentials, sign in first; a write to a path no endpoint maps stays closed.
        assertProblem(raw("DELETE", "/api/cycles/str-s1", null), 401, "unauthenticated");
        assertProblem(raw("POST", "/api/nothing-here", TestUsers.basic(TestUsers.TESTER)), 403, "forbidden");
    }

    @Test
    void aPathThatNamesNothingIs404InOurOwnWords() throws IOException {
        for (String path : List.of("/api/nothing-here", "/nothing-here", "/api/cycles/str-s1/nothing")) {
            RawHttp.Answer answer = raw("GET", path, TestUsers.basic(TestUsers.TESTER));
            assertProblem(answer, 404, "unknown-path");
            assertThat(answer.body()).as(path).doesNotContainIgnoringCase("static resource");
        }
    }

    @Test
    void pathsTheContainerOrTheFirewallRefuseAreProblemsToo() throws IOException {
        for (String path : RawHttp.UNREADABLE_PATHS) {
            RawHttp.Answer answer = raw("GET", path, TestUsers.basic(TestUsers.TESTER));
            assertThat(answer.status()).as(path + ": " + answer.body()).isIn(400, 404);
            assertProblem(answer, answer.status(), answer.status() == 400 ? "malformed-request" : "unknown-path");
        }
    }

    private void assertFieldProblem(HttpApi.Response response, int status, String type, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body().get("type").asText()).isEqualTo(TYPES + type);
        assertThat(response.body().get("errors").get(0).get("field").asText()).as(response.raw()).isEqualTo(field);
    }

    private RawHttp.Answer raw(String method, String path, String authorization) throws IOException {
        return RawHttp.send(port, method, path, authorization);
    }

    private static void assertProblem(RawHttp.Answer answer, int status, String type) throws IOException {
        RawHttp.assertProblem(answer, status, type);
    }
}
