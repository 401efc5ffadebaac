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
 * Two cycles of OKRs through HTTP: an organisation objective with two team objectives under it, key results on
 * increasing and decreasing metrics, a series of check-ins, a quarterly review that retires one objective, grading,
 * and a carry-forward into the next cycle; then every number of both cycles' views.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OkrScenarioTest extends HttpTestBase {

    private HttpApi maria;
    private HttpApi ana;
    private HttpApi.Response checkInOnRetired;
    private HttpApi.Response gradeRetired;

    @BeforeAll
    void runTwoCycles() {
        client();
        maria = api.as("maria");
        ana = api.as("ana");
        maria.write("/api/cycles", """
                {"id": "okr-s1", "name": "OKR semester", "startDate": "2029-04-01", "endDate": "2029-09-30"}""");
        maria.write("/api/cycles", """
                {"id": "okr-s2", "name": "Next OKR semester", "startDate": "2029-10-01", "endDate": "2030-03-31"}""");
        maria.write("/api/teams", """
                {"id": "okr-a", "name": "Builds"}""");
        maria.write("/api/teams", """
                {"id": "okr-b", "name": "Operations"}""");

        objective("org-delight", null, "Delight developers", null);
        objective("a-fast-builds", "okr-a", "Fast builds", "org-delight");
        objective("b-fewer-pages", "okr-b", "Fewer pages", "org-delight");
        keyResult("org-delight", "nps", "Developer NPS 40", "developer NPS", "points", "10", "40", "SATISFACTION");
        keyResult("a-fast-builds", "build-time", "Builds in 8 minutes", "median build time", "min", "20", "8",
                  "EFFICIENCY");
        keyResult("a-fast-builds", "cache-hits", "90% cache hits", "remote cache hit rate", "%", "40", "90",
                  "PERFORMANCE");
        keyResult("b-fewer-pages", "pages", "5 pages a week", "pages per week", "pages", "30", "5", null);

        maria.write("/api/initiatives", """
                {"id": "remote-cache", "cycleId": "okr-s1", "teamId": "okr-a", "title": "Remote cache",
                 "category": "NEW_INITIATIVE"}""");
        maria.write("/api/initiatives/remote-cache/key-results", """
                {"objectiveId": "a-fast-builds", "keyResultId": "cache-hits"}""");

        checkIn("a-fast-builds", "build-time", "17", "0.6", "first wins");
        checkIn("a-fast-builds", "build-time", "14", "0.7", null);
        checkIn("a-fast-builds", "build-time", "11", "0.8", "parallel tests");
        checkIn("a-fast-builds", "cache-hits", "65", "0.5", null);
        checkIn("a-fast-builds", "cache-hits", "80", "0.7", null);
        checkIn("b-fewer-pages", "pages", "25", "0.4", null);
        checkIn("org-delight", "nps", "16", "0.5", null);
        checkIn("org-delight", "nps", "25", "0.6", "survey in");

        maria.write("/api/objectives/b-fewer-pages/reviews", """
                {"outcome": "RETIRE", "reason": "operations moved to the platform team"}""");
        maria.write("/api/objectives/a-fast-builds/reviews", """
                {"outcome": "KEEP", "reason": "on track"}""");
        maria.write("/api/objectives/org-delight/reviews", """
                {"outcome": "ADJUST", "reason": "every developer counts", "changes": {"title": "Delight every developer"}}""");
        checkInOnRetired = ana.post("/api/objectives/b-fewer-pages/key-results/pages/check-ins", """
                {"value": 20, "confidence": 0.5}""");

        maria.write("/api/cycles/okr-s1/commit", null);
        maria.write("/api/objectives/a-fast-builds/grade", """
                {"grades": {"cache-hits": 0.9}, "reason": "cache nearly there"}""");
        maria.write("/api/objectives/org-delight/grade", null);
        gradeRetired = maria.post("/api/objectives/b-fewer-pages/grade", null);
        HttpApi.Response carried = maria.write("/api/objectives/a-fast-builds/carry-forward", """
                {"toCycleId": "okr-s2", "newObjectiveId": "a-fast-builds-2", "keyResultIds": ["build-time"],
                 "reason": "halfway there"}""");
        assertThat(carried.status()).isEqualTo(201);
        assertThat(carried.body().get("id").asText()).isEqualTo("a-fast-builds-2");
        assertThat(carried.body().get("version").asLong()).as("objective set, one key result").isEqualTo(1);
        awaitViews(carried);
    }

    private void objective(String id, String owner, String title, String parent) {
        maria.write("/api/objectives", """
                {"id": "%s", "cycleId": "okr-s1", "ownerTeamId": %s, "title": "%s", "parentObjectiveId": %s}"""
                .formatted(id, quoted(owner), title, quoted(parent)));
    }

    private void keyResult(String objective, String id, String title, String metric, String unit, String baseline,
                           String target, String space) {
        HttpApi.Response added = maria.write("/api/objectives/" + objective + "/key-results", """
                {"id": "%s", "title": "%s", "metric": "%s", "unit": "%s", "baseline": %s, "target": %s,
                 "spaceDimension": %s}""".formatted(id, title, metric, unit, baseline, target, quoted(space)));
        assertThat(added.status()).isEqualTo(201);
    }

    private void checkIn(String objective, String keyResult, String value, String confidence, String comment) {
        ana.write("/api/objectives/" + objective + "/key-results/" + keyResult + "/check-ins", """
                {"value": %s, "confidence": %s, "comment": %s}""".formatted(value, confidence, quoted(comment)));
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private JsonNode okrs(String cycleId) {
        HttpApi.Response okrs = api.get("/api/cycles/" + cycleId + "/okrs");
        assertThat(okrs.status()).as(okrs.raw()).isEqualTo(200);
        return okrs.body();
    }

    private static JsonNode objective(JsonNode okrs, String objectiveId) {
        return StreamSupport.stream(okrs.get("objectives").spliterator(), false)
                            .filter(objective -> objective.get("objectiveId").asText().equals(objectiveId))
                            .findFirst().orElseThrow();
    }

    private static JsonNode keyResult(JsonNode objective, String keyResultId) {
        return StreamSupport.stream(objective.get("keyResults").spliterator(), false)
                            .filter(keyResult -> keyResult.get("keyResultId").asText().equals(keyResultId))
                            .findFirst().orElseThrow();
    }

    private static String number(JsonNode node) {
        return node.isNull() ? "null" : node.decimalValue().stripTrailingZeros().toPlainString();
    }

    /** id, status, progress, grade, parent → children, predecessor → successor. */
    private static String summary(JsonNode objective) {
        List<String> children = new ArrayList<>();
        objective.get("children").forEach(child -> children.add(child.asText()));
        return objective.get("objectiveId").asText() + " " + objective.get("status").asText() + " progress "
               + number(objective.get("progress")) + " grade " + number(objective.get("grade")) + " under "
               + objective.get("parentObjectiveId").asText() + " over " + children + " after "
               + objective.get("predecessorObjectiveId").asText() + " before "
               + objective.get("successorObjectiveId").asText();
    }

    /** direction, space, baseline → target, current, progress, confidence, grade, initiatives. */
    private static String summary(JsonNode objective, String keyResultId) {
        JsonNode keyResult = keyResult(objective, keyResultId);
        return keyResultId + " " + keyResult.get("direction").asText() + " " + keyResult.get("spaceDimension").asText()
               + " " + number(keyResult.get("baseline")) + "→" + number(keyResult.get("target")) + " now "
               + number(keyResult.get("current")) + " progress " + number(keyResult.get("progress"))
               + " confidence " + number(keyResult.get("confidence")) + " grade " + number(keyResult.get("grade"))
               + " initiatives " + keyResult.get("initiatives");
    }

    /** value, progress, confidence of every check-in, in order. */
    private static List<String> trend(JsonNode objective, String keyResultId) {
        List<String> trend = new ArrayList<>();
        keyResult(objective, keyResultId).get("confidenceTrend").forEach(checkIn -> trend.add(
                number(checkIn.get("value")) + " " + number(checkIn.get("progress")) + " "
                + number(checkIn.get("confidence")) + " by " + checkIn.get("actor").asText()));
        return trend;
    }

    @Test
    void theAlignmentTreeIsListedTopDownWithEveryObjectivesNumbers() {
        JsonNode okrs = okrs("okr-s1");
        List<String> order = new ArrayList<>();
        okrs.get("objectives").forEach(objective -> order.add(objective.get("objectiveId").asText()));

        assertThat(order).containsExactly("org-delight", "a-fast-builds", "b-fewer-pages");
        assertThat(summary(objective(okrs, "org-delight"))).as("its own nps at 0.5 and a-fast-builds at 0.775; "
                                                               + "the retired b-fewer-pages does not count")
                .isEqualTo("org-delight GRADED progress 0.6375 grade 0.5 under null over [a-fast-builds, "
                           + "b-fewer-pages] after null before null");
        assertThat(summary(objective(okrs, "a-fast-builds"))).isEqualTo(
                "a-fast-builds GRADED progress 0.775 grade 0.825 under org-delight over [] after null before "
                + "a-fast-builds-2");
        assertThat(summary(objective(okrs, "b-fewer-pages"))).isEqualTo(
                "b-fewer-pages RETIRED progress 0.2 grade null under org-delight over [] after null before null");
        assertThat(objective(okrs, "org-delight").get("title").asText()).isEqualTo("Delight every developer");
        assertThat(objective(okrs, "org-delight").get("ownerTeamId").isNull()).isTrue();
        assertThat(objective(okrs, "a-fast-builds").get("ownerTeamId").asText()).isEqualTo("okr-a");
    }

    @Test
    void keyResultsShowProgressBothWaysConfidenceGradesAndLinkedWork() {
        JsonNode okrs = okrs("okr-s1");

        assertThat(summary(objective(okrs, "a-fast-builds"), "build-time")).isEqualTo(
                "build-time DECREASE EFFICIENCY 20→8 now 11 progress 0.75 confidence 0.8 grade 0.75 initiatives []");
        assertThat(summary(objective(okrs, "a-fast-builds"), "cache-hits")).isEqualTo(
                "cache-hits INCREASE PERFORMANCE 40→90 now 80 progress 0.8 confidence 0.7 grade 0.9 initiatives "
                + "[\"remote-cache\"]");
        assertThat(summary(objective(okrs, "b-fewer-pages"), "pages")).isEqualTo(
                "pages DECREASE null 30→5 now 25 progress 0.2 confidence 0.4 grade null initiatives []");
        assertThat(summary(objective(okrs, "org-delight"), "nps")).isEqualTo(
                "nps INCREASE SATISFACTION 10→40 now 25 progress 0.5 confidence 0.6 grade 0.5 initiatives []");
        assertThat(keyResult(objective(okrs, "a-fast-builds"), "build-time").get("unit").asText()).isEqualTo("min");
        assertThat(keyResult(objective(okrs, "a-fast-builds"), "build-time").get("lastCheckInAt").asText())
                .isNotEmpty();
    }

    @Test
    void theConfidenceTrendIsEveryCheckInInOrder() {
        JsonNode okrs = okrs("okr-s1");

        assertThat(trend(objective(okrs, "a-fast-builds"), "build-time"))
                .containsExactly("17 0.25 0.6 by ana", "14 0.5 0.7 by ana", "11 0.75 0.8 by ana");
        assertThat(trend(objective(okrs, "org-delight"), "nps")).containsExactly("16 0.2 0.5 by ana",
                                                                                 "25 0.5 0.6 by ana");
    }

    @Test
    void reviewsKeepWhoWhyAndWhatChanged() {
        JsonNode okrs = okrs("okr-s1");

        JsonNode retire = objective(okrs, "b-fewer-pages").get("reviews").get(0);
        assertThat(retire.get("outcome").asText()).isEqualTo("RETIRE");
        assertThat(retire.get("reason").asText()).isEqualTo("operations moved to the platform team");
        assertThat(retire.get("actor").asText()).isEqualTo("maria");
        JsonNode adjust = objective(okrs, "org-delight").get("reviews").get(0);
        assertThat(adjust.get("changes").toString()).isEqualTo(
                "[{\"field\":\"title\",\"from\":\"Delight developers\",\"to\":\"Delight every developer\"}]");
    }

    @Test
    void theSuccessorStartsFromTheLatestValueAndNamesItsPredecessor() {
        JsonNode okrs = okrs("okr-s2");
        assertThat(okrs.get("objectives")).hasSize(1);
        JsonNode successor = objective(okrs, "a-fast-builds-2");

        assertThat(summary(successor)).isEqualTo(
                "a-fast-builds-2 ACTIVE progress 0 grade null under null over [] after a-fast-builds before null");
        assertThat(summary(successor, "build-time")).isEqualTo(
                "build-time DECREASE EFFICIENCY 11→8 now null progress 0 confidence null grade null initiatives []");
        assertThat(successor.get("ownerTeamId").asText()).isEqualTo("okr-a");
        assertThat(successor.get("title").asText()).isEqualTo("Fast builds");
    }

    @Test
    void aRetiredObjectiveTakesNoCheckInsAndNoGrade() {
        assertThat(checkInOnRetired.status()).isEqualTo(409);
        assertThat(checkInOnRetired.body().get("detail").asText())
                .isEqualTo("objective b-fewer-pages is RETIRED; only an active objective can take check-ins");
        assertThat(gradeRetired.status()).isEqualTo(409);
        assertThat(gradeRetired.contentType()).isEqualTo("application/problem+json");
    }
}
