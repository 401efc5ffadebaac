package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of bad input gets its status and a problem+json body naming what was wrong, and appends nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest extends HttpTestBase {

    @BeforeAll
    void aPlanToBreakRulesOn() {
        client();
        api.write("/api/cycles", """
                {"id": "bad-s1", "name": "Bad input semester", "startDate": "2027-04-01", "endDate": "2027-09-30"}""");
        api.write("/api/cycles", """
                {"id": "bad-closed", "name": "Closed semester", "startDate": "2026-10-01", "endDate": "2027-03-31"}""");
        api.write("/api/cycles", """
                {"id": "bad-earlier", "name": "Earlier", "startDate": "2026-04-01", "endDate": "2026-09-30"}""");
        api.write("/api/cycles", """
                {"id": "bad-twin", "name": "Same start", "startDate": "2027-04-01", "endDate": "2027-06-30"}""");
        api.write("/api/cycles/bad-closed/commit", null);
        api.write("/api/cycles/bad-closed/close", null);
        api.write("/api/teams", """
                {"id": "bad-team", "name": "Bad input team"}""");
        for (String id : new String[]{"bad-one", "bad-two", "bad-dropped"}) {
            api.write("/api/initiatives", """
                    {"id": "%s", "cycleId": "bad-s1", "teamId": "bad-team", "title": "%s", "category": "KTLO"}"""
                    .formatted(id, id));
        }
        api.write("/api/initiatives/bad-two/dependencies", """
                {"dependsOn": "bad-one"}""");
        api.write("/api/initiatives/bad-dropped/drop", """
                {"reason": "not needed"}""");
        api.replace("/api/cycles/bad-s1/teams/bad-team/capacity", """
                {"personWeeks": 10}""");
        api.write("/api/cycles/bad-s1/teams/bad-team/allocations", """
                {"initiativeId": "bad-two", "personWeeks": 4}""");
        for (String objective : new String[]{"bad-okr", "bad-retired"}) {
            api.write("/api/objectives", """
                    {"id": "%s", "cycleId": "bad-s1", "title": "%s"}""".formatted(objective, objective));
            api.write("/api/objectives/" + objective + "/key-results", """
                    {"id": "bad-kr", "title": "x", "metric": "m", "unit": "u", "baseline": 10, "target": 20}""");
        }
        api.write("/api/objectives/bad-retired/reviews", """
                {"outcome": "RETIRE", "reason": "gone"}""");
    }

    static Stream<Arguments> badWrites() {
        String score = "/api/initiatives/bad-one/score";
        String allocations = "/api/cycles/bad-s1/teams/bad-team/allocations";
        String capacity = "/api/cycles/bad-s1/teams/bad-team/capacity";
        String checkIn = "/api/objectives/bad-okr/key-results/bad-kr/check-ins";
        return Stream.of(
                // malformed JSON
                bad("a body cut short", score, "{\"reach\": 10,", 400, null, "not valid JSON"),
                bad("not JSON at all", "/api/teams", "team please", 400, null, "not valid JSON"),
                bad("no body", score, null, 400, null, "needs a JSON body"),
                bad("NaN for a number", score, scoreBody("NaN", "1", "1", "1"), 400, null,
                    "not valid JSON (line 1, column 14): Non-standard token 'NaN'"),
                bad("an unknown field", score, "{\"reach\": 1, \"impact\": 1, \"confidence\": 1, \"effort\": 1,"
                                               + " \"reson\": \"typo\"}", 400, "reson", "unknown field"),
                // wrong types
                bad("text for a number", score, scoreBody("\"lots\"", "1", "1", "1"), 400, "reach", "a number"),
                bad("a number in a string", score, scoreBody("\"500\"", "1", "1", "1"), 400, "reach", "a number"),
                bad("an object for text", "/api/teams", "{\"id\": {\"a\": 1}, \"name\": \"x\"}", 400, "id",
                    "a string"),
                bad("a number for text", "/api/teams", "{\"id\": \"numbers\", \"name\": 42}", 400, "name",
                    "a string"),
                bad("a date that is no date", "/api/cycles", "{\"id\": \"bad-date\", \"name\": \"x\", "
                        + "\"startDate\": \"2027-02-30\", \"endDate\": \"2027-09-30\"}", 400, "startDate", "a date"),
                bad("a fraction for a whole share", "/api/cycles", cycleWithShares("50.5", "49.5"), 400,
                    "policy.buckets[0].share", "a number"),
                // values out of range, rules broken
                bad("an impact off the scale", score, scoreBody("10", "0.7", "1", "1"), 422, "impact",
                    "one of 0.25, 0.5, 1, 2, 3"),
                bad("negative reach", score, scoreBody("-1", "1", "1", "1"), 422, "reach", "0 or more"),
                bad("an astronomical reach", score, scoreBody("1e999999999", "1", "1", "1"), 422, "reach",
                    "at most 1000000000000"),
                bad("an effort finer than anyone means", score, scoreBody("10", "1", "1", "1e-999999999"), 422,
                    "effort", "at most 6 decimals"),
                bad("confidence above 1", score, scoreBody("10", "1", "1.5", "1"), 422, "confidence", "at most 1"),
                bad("zero confidence", score, scoreBody("10", "1", "0", "1"), 422, "confidence", "more than 0"),
                bad("zero effort", score, scoreBody("10", "1", "1", "0"), 422, "effort", "more than 0"),
                bad("a score without a reason", score, "{\"reach\": 1, \"impact\": 1, \"confidence\": 1, "
                                                       + "\"effort\": 1}", 422, "reason", "reason is required"),
                bad("dates out of order", "/api/cycles", "{\"id\": \"backwards\", \"name\": \"x\", "
                        + "\"startDate\": \"2027-09-30\", \"endDate\": \"2027-04-01\"}", 422, "endDate",
                    "must be after startDate"),
                bad("shares not summing to 100", "/api/cycles", cycleWithShares("50", "40"), 422, "policy.buckets",
                    "sum to 100%"),
                bad("a category that is none of the three", "/api/initiatives", "{\"cycleId\": \"bad-s1\", "
                        + "\"teamId\": \"bad-team\", \"title\": \"x\", \"category\": \"EPIC\"}", 422, "category",
                    "NEW_INITIATIVE, KTLO, TEAM_INITIATIVE"),
                bad("an id that is no slug", "/api/teams", "{\"id\": \"Bad Team!\", \"name\": \"x\"}", 422, "id",
                    "must be a slug"),
                bad("a drop without a reason", "/api/initiatives/bad-one/drop", "{}", 422, "reason",
                    "reason is required"),
                bad("depending on itself", "/api/initiatives/bad-one/dependencies", "{\"dependsOn\": \"bad-one\"}",
                    422, "dependsOn", "cannot depend on itself"),
                bad("a loop of dependencies", "/api/initiatives/bad-one/dependencies",
                    "{\"dependsOn\": \"bad-two\"}", 422, "dependsOn", "bad-one → bad-two → bad-one"),
                // unknown ids
                bad("scoring an unknown initiative", "/api/initiatives/nothing-here/score",
                    scoreBody("10", "1", "1", "1"), 404, null, "initiative nothing-here does not exist"),
                bad("proposing for an unknown team", "/api/initiatives", "{\"cycleId\": \"bad-s1\", "
                        + "\"teamId\": \"nobody\", \"title\": \"x\", \"category\": \"KTLO\"}", 404, "teamId",
                    "team nobody does not exist"),
                bad("proposing in an unknown cycle", "/api/initiatives", "{\"cycleId\": \"never\", "
                        + "\"teamId\": \"bad-team\", \"title\": \"x\", \"category\": \"KTLO\"}", 404, "cycleId",
                    "cycle never does not exist"),
                bad("a parent team that does not exist", "/api/teams", "{\"id\": \"orphan\", \"name\": \"x\", "
                        + "\"parentId\": \"nobody\"}", 404, "parentId", "parent team nobody does not exist"),
                bad("deferring to an unknown cycle", "/api/initiatives/bad-one/defer", "{\"toCycleId\": "
                        + "\"never\", \"reason\": \"later\"}", 404, "toCycleId", "cycle never does not exist"),
                bad("deferring back in time", "/api/initiatives/bad-one/defer", "{\"toCycleId\": "
                        + "\"bad-earlier\", \"reason\": \"later\"}", 422, "toCycleId",
                    "cycle bad-earlier starts on 2026-04-01, not after cycle bad-s1 of initiative bad-one (which "
                    + "starts on 2027-04-01)"),
                bad("deferring to a cycle of the same start", "/api/initiatives/bad-one/defer", "{\"toCycleId\": "
                        + "\"bad-twin\", \"reason\": \"later\"}", 422, "toCycleId",
                    "cycle bad-twin starts on 2027-04-01, not after cycle bad-s1"),
                bad("depending on an unknown initiative", "/api/initiatives/bad-one/dependencies",
                    "{\"dependsOn\": \"nothing-here\"}", 404, "dependsOn", "initiative nothing-here does not exist"),
                bad("committing an unknown cycle", "/api/cycles/never/commit", null, 404, null,
                    "cycle never does not exist"),
                // wrong state
                bad("starting a proposed initiative", "/api/initiatives/bad-one/start", null, 409, null,
                    "only an initiative that is [COMMITTED] can start"),
                bad("scoring a dropped initiative", "/api/initiatives/bad-dropped/score",
                    scoreBody("10", "1", "1", "1"), 409, null, "bad-dropped is DROPPED"),
                bad("committing a dropped initiative", "/api/initiatives/bad-dropped/commit", null, 409, null,
                    "bad-dropped is DROPPED"),
                bad("proposing in a closed cycle", "/api/initiatives", "{\"cycleId\": \"bad-closed\", "
                        + "\"teamId\": \"bad-team\", \"title\": \"x\", \"category\": \"KTLO\"}", 409, null,
                    "cycle bad-closed is CLOSED"),
                bad("deferring to a closed cycle", "/api/initiatives/bad-one/defer", "{\"toCycleId\": "
                        + "\"bad-closed\", \"reason\": \"later\"}", 409, null, "cycle bad-closed is CLOSED"),
                bad("closing a cycle still planning", "/api/cycles/bad-s1/close", null, 409, null,
                    "only a COMMITTED cycle can be closed"),
                bad("committing a closed cycle", "/api/cycles/bad-closed/commit", null, 409, null,
                    "is CLOSED; only a cycle in PLANNING"),
                bad("starting a cycle that exists", "/api/cycles", "{\"id\": \"bad-s1\", \"name\": \"again\", "
                        + "\"startDate\": \"2027-04-01\", \"endDate\": \"2027-09-30\"}", 409, null,
                    "cycle bad-s1 already exists"),
                bad("registering a team that exists", "/api/teams", "{\"id\": \"bad-team\", \"name\": \"x\"}",
                    409, null, "team bad-team already exists"),
                // capacity
                bad("person-weeks in words", allocations, "{\"initiativeId\": \"bad-one\", \"personWeeks\": "
                                                          + "\"ten\"}", 400, "personWeeks", "a number"),
                bad("negative person-weeks", allocations, "{\"initiativeId\": \"bad-one\", \"personWeeks\": -1}",
                    422, "personWeeks", "must be 0 to 100000"),
                bad("an allocation beyond capacity", allocations, "{\"initiativeId\": \"bad-one\", "
                        + "\"personWeeks\": 7}", 422, "personWeeks", "1 over capacity"),
                bad("a bucket above its share without a reason", allocations, "{\"initiativeId\": \"bad-one\", "
                        + "\"personWeeks\": 2}", 422, "override.reason", "bucket 'run'"),
                bad("allocating to a dropped initiative", allocations, "{\"initiativeId\": \"bad-dropped\", "
                        + "\"personWeeks\": 1}", 409, null, "bad-dropped is DROPPED"),
                bad("allocating to an unknown initiative", allocations, "{\"initiativeId\": \"nothing-here\", "
                        + "\"personWeeks\": 1}", 404, "initiativeId", "initiative nothing-here does not exist"),
                bad("allocating for an unknown team", "/api/cycles/bad-s1/teams/nobody/allocations",
                    "{\"initiativeId\": \"bad-one\", \"personWeeks\": 1}", 404, "teamId",
                    "team nobody does not exist"),
                bad("capacity below what is allocated", capacity, "{\"personWeeks\": 3}", 422, "personWeeks",
                    "release 1 first"),
                bad("capacity in a closed cycle", "/api/cycles/bad-closed/teams/bad-team/capacity",
                    "{\"personWeeks\": 3}", 409, null, "cycle bad-closed is CLOSED"),
                bad("a team policy without a reason", "/api/cycles/bad-s1/teams/bad-team/policy",
                    "{\"policy\": " + POLICY + "}", 422, "reason", "reason is required"),
                bad("a cycle policy whose shares miss 100", "/api/cycles/bad-s1/policy",
                    "{\"policy\": " + POLICY.replace("50", "45") + ", \"reason\": \"x\"}", 422, "policy.buckets",
                    "sum to 100%"),
                bad("a cycle policy without buckets", "/api/cycles/bad-s1/policy",
                    "{\"policy\": {\"tolerance\": 5}, \"reason\": \"x\"}", 422, "policy.buckets",
                    "policy.buckets is required"),
                // OKRs and lessons
                bad("a check-in value in words", checkIn, "{\"value\": \"high\", \"confidence\": 0.5}", 400,
                    "value", "a number"),
                bad("a confidence above 1", checkIn, "{\"value\": 12, \"confidence\": 1.5}", 422, "confidence",
                    "confidence must be 0 to 1"),
                bad("a check-in on an unknown key result", "/api/objectives/bad-okr/key-results/nope/check-ins",
                    "{\"value\": 12, \"confidence\": 0.5}", 404, "keyResultId",
                    "key result nope of objective bad-okr does not exist"),
                bad("a check-in on an unknown objective", "/api/objectives/nope/key-results/bad-kr/check-ins",
                    "{\"value\": 12, \"confidence\": 0.5}", 404, null, "objective nope does not exist"),
                bad("a check-in on a retired objective", "/api/objectives/bad-retired/key-results/bad-kr/check-ins",
                    "{\"value\": 12, \"confidence\": 0.5}", 409, null, "bad-retired is RETIRED"),
                bad("a direction against baseline and target", "/api/objectives/bad-okr/key-results",
                    keyResult("\"direction\": \"DECREASE\""), 422, "direction", "contradicts baseline 1"),
                bad("a SPACE dimension that is none of the five", "/api/objectives/bad-okr/key-results",
                    keyResult("\"spaceDimension\": \"HAPPINESS\""), 422, "spaceDimension",
                    "SATISFACTION, PERFORMANCE, ACTIVITY, COMMUNICATION, EFFICIENCY"),
                bad("a target equal to the baseline", "/api/objectives/bad-okr/key-results",
                    "{\"title\": \"t\", \"metric\": \"m\", \"unit\": \"u\", \"baseline\": 5, "
                    + "\"target\": 5}", 422, "target", "target must differ from baseline"),
                bad("a review outcome that is none of the three", "/api/objectives/bad-okr/reviews",
                    "{\"outcome\": \"MAYBE\", \"reason\": \"x\"}", 422, "outcome", "KEEP, ADJUST, RETIRE"),
                bad("a review without a reason", "/api/objectives/bad-okr/reviews", "{\"outcome\": \"KEEP\"}",
                    422, "reason", "reason is required"),
                bad("grading while the cycle is planning", "/api/objectives/bad-okr/grade", null, 409, null,
                    "is PLANNING; objectives are graded once"),
                bad("carrying forward to a closed cycle", "/api/objectives/bad-okr/carry-forward",
                    "{\"toCycleId\": \"bad-closed\", \"reason\": \"x\"}", 409, null, "cycle bad-closed is CLOSED"),
                bad("an objective for an unknown team", "/api/objectives", "{\"cycleId\": \"bad-s1\", "
                        + "\"ownerTeamId\": \"nobody\", \"title\": \"x\"}", 404, "ownerTeamId",
                    "team nobody does not exist"),
                bad("an objective under an unknown parent", "/api/objectives", "{\"cycleId\": \"bad-s1\", "
                        + "\"title\": \"x\", \"parentObjectiveId\": \"nope\"}", 404, "parentObjectiveId",
                    "objective nope does not exist"),
                bad("linking an unknown key result", "/api/initiatives/bad-one/key-results",
                    "{\"objectiveId\": \"bad-okr\", \"keyResultId\": \"nope\"}", 404, "keyResultId",
                    "key result nope of objective bad-okr does not exist"),
                bad("a lesson about nothing known", "/api/lessons", "{\"cycleId\": \"bad-s1\", \"subjectId\": "
                        + "\"nope\", \"text\": \"x\"}", 404, "subjectId", "there is no objective or initiative nope"),
                bad("a lesson without text", "/api/lessons", "{\"cycleId\": \"bad-s1\"}", 422, "text",
                    "text is required"));
    }

    private static final String POLICY = "{\"buckets\": [{\"name\": \"new\", \"categories\": [\"NEW_INITIATIVE\"], "
                                         + "\"share\": 50}, {\"name\": \"run\", \"categories\": [\"KTLO\", "
                                         + "\"TEAM_INITIATIVE\"], \"share\": 50}], \"tolerance\": 5}";

    @ParameterizedTest(name = "{0}")
    @MethodSource("badWrites")
    void aBadWriteIsRefusedWithAProblemAndAppendsNothing(String what, String path, String body, int status,
                                                         String field, String detail) {
        long taken = positionsTaken();

        HttpApi.Response response = path.endsWith("/capacity") || path.endsWith("/policy") ? api.put(path, body)
                                                                                             : api.post(path, body);

        assertProblem(response, status, detail);
        if (field != null) {
            assertThat(response.body().get("errors")).as(response.raw()).hasSize(1);
            assertThat(response.body().get("errors").get(0).get("field").asText()).isEqualTo(field);
            assertThat(response.body().get("errors").get(0).get("message").asText()).contains(detail);
        }
        assertThat(positionsTaken()).as("positions taken, so appends tried").isEqualTo(taken);
    }

    @Test
    void aBodyOverTheSizeLimitIsRefusedAnnouncedOrStreamed() {
        long taken = positionsTaken();
        String huge = "{\"id\": \"huge\", \"name\": \"" + "x".repeat(70_000) + "\"}";

        assertProblem(api.post("/api/teams", huge), 413, "larger than 65536 bytes");
        assertProblem(api.postChunked("/api/teams", huge), 413, "larger than 65536 bytes");
        assertThat(positionsTaken()).isEqualTo(taken);
    }

    @Test
    void readsOfUnknownCyclesAndBadFiltersAreProblemsToo() {
        assertProblem(api.get("/api/cycles/never"), 404, "cycle never does not exist");
        assertProblem(api.get("/api/cycles/never/roadmap"), 404, "cycle never does not exist");
        HttpApi.Response badFilter = api.get("/api/cycles/bad-s1/roadmap?status=PROPOSED,LOST");
        assertProblem(badFilter, 400, "status must be one or more of PROPOSED, COMMITTED, IN_PROGRESS, DONE, "
                                      + "DROPPED, separated by commas (was LOST)");
        assertThat(badFilter.body().get("errors").get(0).get("field").asText()).isEqualTo("status");
    }

    @Test
    void anUnknownPathIsAProblemNotAPage() {
        // (A write to a path no rule names is refused before it gets this far: see SignInTest.)
        HttpApi.Response response = api.get("/api/nowhere");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
    }

    private static void assertProblem(HttpApi.Response response, int status, String detail) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = response.body();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asText()).isNotBlank();
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).contains(detail);
    }

    private static Arguments bad(String what, String path, String body, int status, String field, String detail) {
        return Arguments.of(what, path, body, status, field, detail);
    }

    private static String scoreBody(String reach, String impact, String confidence, String effort) {
        return "{\"reach\": %s, \"impact\": %s, \"confidence\": %s, \"effort\": %s, \"reason\": \"why\"}"
                .formatted(reach, impact, confidence, effort);
    }

    private static String keyResult(String extra) {
        return "{\"title\": \"t\", \"metric\": \"m\", \"unit\": \"u\", \"baseline\": 1, \"target\": 2, "
               + extra + "}";
    }

    private static String cycleWithShares(String first, String second) {
        return ("{\"id\": \"shares\", \"name\": \"x\", \"startDate\": \"2027-04-01\", \"endDate\": \"2027-09-30\", "
                + "\"policy\": {\"buckets\": [{\"name\": \"new\", \"categories\": [\"NEW_INITIATIVE\"], \"share\": %s},"
                + " {\"name\": \"run\", \"categories\": [\"KTLO\", \"TEAM_INITIATIVE\"], \"share\": %s}]}}")
                .formatted(first, second);
    }
}
