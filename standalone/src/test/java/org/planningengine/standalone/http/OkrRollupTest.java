package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Objectives aligned under others through HTTP: the organisation's objective rolls up its own key result and its two
 * teams' objectives, first by the mean, then by weights, also when a team checks in after the roll-up was chosen; then
 * two trees carried into the next cycle, one parent first, the other child first, each keeping its shape.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OkrRollupTest extends HttpTestBase {

    private String beforeTheWeights;
    private String beforeTheLateCheckIn;
    private String afterTheLateCheckIn;
    private String beforeTheParentWentForward;
    private HttpApi.Response weighted;

    @BeforeAll
    void alignedObjectivesCheckedInAndCarriedForward() {
        client();
        api.write("/api/cycles", """
                {"id": "rol-s1", "name": "Rolled up", "startDate": "2043-04-01", "endDate": "2043-09-30"}""");
        api.write("/api/cycles", """
                {"id": "rol-s2", "name": "Rolled up, next", "startDate": "2043-10-01", "endDate": "2044-03-31"}""");
        api.write("/api/teams", """
                {"id": "rol-team", "name": "Rollers"}""");
        objective("rol-org", null, "Everyone ships daily", null);
        objective("rol-a", "rol-team", "Builds in minutes", "rol-org");
        objective("rol-b", "rol-team", "Deploys without fear", "rol-org");
        keyResult("rol-org", "daily");
        keyResult("rol-a", "minutes");
        keyResult("rol-b", "fearless");
        checkIn("rol-org", "daily", 90);
        checkIn("rol-a", "minutes", 20);
        awaitViews(checkIn("rol-b", "fearless", 60));
        beforeTheWeights = asOfNow();
        weighted = api.replace("/api/objectives/rol-org/rollup", """
                {"mode": "WEIGHTED", "keyResultWeights": {"daily": 2}, "childWeights": {"rol-a": 3},
                 "reason": "shipping daily is the point"}""");
        awaitViews(weighted);
        beforeTheLateCheckIn = asOfNow();
        awaitViews(checkIn("rol-b", "fearless", 100));
        afterTheLateCheckIn = asOfNow();

        // Parent first: the organisation's objective, then a team's under it.
        api.write("/api/objectives/rol-org/carry-forward", """
                {"toCycleId": "rol-s2", "newObjectiveId": "rol-org-2", "reason": "not daily yet"}""");
        api.write("/api/objectives/rol-a/carry-forward", """
                {"toCycleId": "rol-s2", "newObjectiveId": "rol-a-2", "reason": "still slow"}""");
        // Child first: a team's objective, then the objective it is aligned under.
        objective("rol-p", null, "Fewer incidents", null);
        objective("rol-c", "rol-team", "Alerts that matter", "rol-p");
        keyResult("rol-p", "incidents");
        keyResult("rol-c", "alerts");
        awaitViews(api.write("/api/objectives/rol-c/carry-forward", """
                {"toCycleId": "rol-s2", "newObjectiveId": "rol-c-2", "reason": "alerts next"}"""));
        beforeTheParentWentForward = asOfNow();
        HttpApi.Response parent = api.write("/api/objectives/rol-p/carry-forward", """
                {"toCycleId": "rol-s2", "newObjectiveId": "rol-p-2", "reason": "incidents next"}""");
        assertThat(parent.status()).isEqualTo(201);
        assertThat(parent.body().get("id").asText()).isEqualTo("rol-p-2");
        assertThat(parent.body().get("version").asLong()).as("the successor's: set, one key result").isEqualTo(1);
        awaitViews(parent);
    }

    private void objective(String id, String owner, String title, String parent) {
        api.write("/api/objectives", """
                {"id": "%s", "cycleId": "rol-s1", "ownerTeamId": %s, "title": "%s", "parentObjectiveId": %s}"""
                .formatted(id, quoted(owner), title, quoted(parent)));
    }

    private void keyResult(String objective, String id) {
        api.write("/api/objectives/" + objective + "/key-results", """
                {"id": "%s", "title": "%s", "metric": "%s", "unit": "%%", "baseline": 0, "target": 100}"""
                .formatted(id, id, id));
    }

    private HttpApi.Response checkIn(String objective, String keyResult, int value) {
        return api.write("/api/objectives/" + objective + "/key-results/" + keyResult + "/check-ins", """
                {"value": %d, "confidence": 0.5}""".formatted(value));
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private String asOfNow() {
        return api.get("/api/cycles/rol-s1").body().get("asOf").asText();
    }

    private JsonNode objective(String cycleId, String objectiveId, String asOf) {
        HttpApi.Response okrs = api.get("/api/cycles/" + cycleId + "/okrs" + (asOf == null ? "" : "?asOf=" + asOf));
        assertThat(okrs.status()).as(okrs.raw()).isEqualTo(200);
        return StreamSupport.stream(okrs.body().get("objectives").spliterator(), false)
                            .filter(objective -> objective.get("objectiveId").asText().equals(objectiveId))
                            .findFirst().orElseThrow();
    }

    private static String progress(JsonNode objective) {
        return objective.get("progress").decimalValue().toPlainString();
    }

    /** Every objective of the cycle in the view's order, as "id under parent". */
    private List<String> tree(String cycleId, String asOf) {
        List<String> tree = new ArrayList<>();
        api.get("/api/cycles/" + cycleId + "/okrs" + (asOf == null ? "" : "?asOf=" + asOf)).body().get("objectives")
           .forEach(objective -> tree.add(objective.get("objectiveId").asText() + " under "
                                          + objective.get("parentObjectiveId").asText()));
        return tree;
    }

    @Test
    void byTheMeanAnObjectiveCountsItsKeyResultsAndTheObjectivesUnderIt() {
        JsonNode org = objective("rol-s1", "rol-org", beforeTheWeights);

        assertThat(org.get("rollup").asText()).isEqualTo("MEAN");
        assertThat(progress(org)).as("(0.9 + 0.2 + 0.6) / 3").isEqualTo("0.5667");
        assertThat(objective("rol-s1", "rol-a", beforeTheWeights).get("weight").asInt()).isEqualTo(1);
        assertThat(org.get("weight").isNull()).as("at the top").isTrue();
    }

    @Test
    void byWeightsEachPartCountsByItsWeight() {
        JsonNode org = objective("rol-s1", "rol-org", beforeTheLateCheckIn);

        assertThat(weighted.status()).isEqualTo(200);
        assertThat(org.get("rollup").asText()).isEqualTo("WEIGHTED");
        assertThat(progress(org)).as("(2 × 0.9 + 3 × 0.2 + 1 × 0.6) / 6").isEqualTo("0.5");
        assertThat(org.get("keyResults").get(0).get("weight").asInt()).isEqualTo(2);
        assertThat(objective("rol-s1", "rol-a", beforeTheLateCheckIn).get("weight").asInt()).isEqualTo(3);
        assertThat(objective("rol-s1", "rol-b", beforeTheLateCheckIn).get("weight").asInt()).isEqualTo(1);
    }

    @Test
    void aCheckInBelowRollsUpIntoTheObjectiveAboveFromThenOn() {
        JsonNode org = objective("rol-s1", "rol-org", afterTheLateCheckIn);

        assertThat(progress(org)).as("(2 × 0.9 + 3 × 0.2 + 1 × 1) / 6").isEqualTo("0.5667");
        assertThat(org.get("lastEventAt").asText()).as("the check-in below").isEqualTo(
                objective("rol-s1", "rol-b", afterTheLateCheckIn).get("lastEventAt").asText());
        assertThat(progress(objective("rol-s1", "rol-org", beforeTheLateCheckIn))).isEqualTo("0.5");
        HttpApi.Response single = api.get("/api/objectives/rol-org");
        assertThat(single.body().get("progress").decimalValue()).isEqualByComparingTo("0.5667");
    }

    @Test
    void theRollupItHasAppendsNothing() {
        long taken = positionsTaken();

        HttpApi.Response again = api.replace("/api/objectives/rol-org/rollup", """
                {"mode": "WEIGHTED", "keyResultWeights": {"daily": 2.0}, "childWeights": {"rol-a": 3}}""");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("id").asText()).isEqualTo("rol-org");
        assertThat(positionsTaken()).isEqualTo(taken);
    }

    @Test
    void aRollupTheRulesRefuseIsAProblemAndAppendsNothing() {
        long taken = positionsTaken();
        String path = "/api/objectives/rol-b/rollup";

        assertRefused(path, "{\"mode\": \"MEAN\", \"keyResultWeights\": {\"fearless\": 2}}", 422,
                      "only a WEIGHTED roll-up takes weights; MEAN counts every part alike");
        assertRefused(path, "{\"mode\": \"WEIGHTED\", \"keyResultWeights\": {\"fearless\": 0}}", 422,
                      "keyResultWeights.fearless must be more than 0 and at most 1000 (was 0)");
        assertRefused(path, "{\"mode\": \"WEIGHTED\", \"keyResultWeights\": {\"nope\": 1}}", 404,
                      "key result nope of objective rol-b does not exist");
        assertRefused(path, "{\"mode\": \"WEIGHTED\", \"childWeights\": {\"rol-a\": 1}}", 422,
                      "objective rol-a is not aligned under rol-b");
        assertRefused(path, "{\"keyResultWeights\": {}}", 422, "mode is required: MEAN or WEIGHTED");
        assertRefused(path, "{\"mode\": \"MEDIAN\"}", 422, "mode must be one of MEAN, WEIGHTED (was MEDIAN)");
        assertThat(positionsTaken()).isEqualTo(taken);
    }

    private void assertRefused(String path, String body, int status, String detail) {
        HttpApi.Response refused = api.put(path, body);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(status);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.body().get("detail").asText()).isEqualTo(detail);
    }

    @Test
    void carriedAfterItsParentAnObjectiveGoesUnderTheParentsSuccessor() {
        assertThat(objective("rol-s2", "rol-a-2", null).get("parentObjectiveId").asText()).isEqualTo("rol-org-2");
        assertThat(objective("rol-s2", "rol-org-2", null).get("children").toString()).isEqualTo("[\"rol-a-2\"]");
    }

    @Test
    void carriedBeforeItsParentAnObjectiveFollowsItWhenTheParentIsCarriedToo() {
        assertThat(tree("rol-s2", beforeTheParentWentForward)).contains("rol-c-2 under null");
        assertThat(tree("rol-s2", null)).containsExactly("rol-org-2 under null", "rol-a-2 under rol-org-2",
                                                         "rol-p-2 under null", "rol-c-2 under rol-p-2");

        JsonNode followed = api.get("/api/objectives/rol-c-2/history").body().get("events");
        JsonNode realigned = followed.get(followed.size() - 1);
        assertThat(realigned.get("type").asText()).isEqualTo("ObjectiveRealigned");
        assertThat(realigned.get("reason").asText()).isEqualTo(
                "objective rol-p was carried forward to cycle rol-s2 as rol-p-2: incidents next");
        assertThat(realigned.get("before").toString()).isEqualTo("{\"parentObjectiveId\":null}");
        assertThat(realigned.get("after").toString()).isEqualTo("{\"parentObjectiveId\":\"rol-p-2\"}");
        JsonNode remembered = api.get("/api/objectives/rol-p/history").body().get("events");
        assertThat(StreamSupport.stream(remembered.spliterator(), false).map(event -> event.get("type").asText()))
                .contains("ChildObjectiveCarriedForward");
    }

    @Test
    void theRealignedSuccessorIsAlignedUnderItsNewParentForTheCommandSideToo() {
        HttpApi.Response weighed = api.put("/api/objectives/rol-p-2/rollup", """
                {"mode": "WEIGHTED", "childWeights": {"rol-c-2": 2}}""");

        assertThat(weighed.status()).as(weighed.raw()).isEqualTo(200);
    }
}
