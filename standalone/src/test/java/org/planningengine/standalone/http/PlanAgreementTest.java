package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.planningengine.standalone.TestUsers;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A plan never disagrees with itself: a re-score that changes nothing is no decision, and work dropped or deferred
 * gives its capacity back in the same commit, so the roadmap and the capacity view agree now and as of any instant.
 */
class PlanAgreementTest extends HttpTestBase {

    private final HttpClient http = HttpClient.newHttpClient();

    /** A cycle, a later one and a team with 20 person-weeks in the first; ids start with the prefix. */
    private void plan(String prefix, int year) {
        api.write("/api/cycles", """
                {"id": "%s-s1", "name": "Agreed", "startDate": "%d-04-01", "endDate": "%d-09-30"}"""
                .formatted(prefix, year, year));
        api.write("/api/cycles", """
                {"id": "%s-s2", "name": "Later", "startDate": "%d-10-01", "endDate": "%d-03-31"}"""
                .formatted(prefix, year, year + 1));
        api.write("/api/teams", """
                {"id": "%s-team", "name": "Agreers"}""".formatted(prefix));
        api.replace("/api/cycles/%s-s1/teams/%s-team/capacity".formatted(prefix, prefix), """
                {"personWeeks": 20}""");
    }

    private HttpApi.Response propose(String prefix, String id, String category) {
        return api.write("/api/initiatives", """
                {"id": "%s", "cycleId": "%s-s1", "teamId": "%s-team", "title": "%s", "category": "%s"}"""
                .formatted(id, prefix, prefix, id, category));
    }

    private HttpApi.Response allocate(String prefix, String id, int personWeeks) {
        return api.write("/api/cycles/%s-s1/teams/%s-team/allocations".formatted(prefix, prefix), """
                {"initiativeId": "%s", "personWeeks": %d, "reason": "planned"}""".formatted(id, personWeeks));
    }

    private HttpResponse<String> postUnderKey(String path, String key, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                         .header("Content-Type", "application/json")
                                         .header("Authorization", TestUsers.basic(TestUsers.TESTER))
                                         .header("Idempotency-Key", key)
                                         .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** The roadmap's allocations summed, and the capacity view's allocated, of the cycle, now or as of an instant. */
    private List<BigDecimal> roadmapAndCapacity(String cycleId, String asOf) {
        String query = asOf == null ? "" : "?asOf=" + asOf;
        BigDecimal roadmap = BigDecimal.ZERO;
        for (JsonNode item : api.get("/api/cycles/" + cycleId + "/roadmap" + query).body().get("items")) {
            if (!item.get("allocatedPersonWeeks").isNull()) {
                roadmap = roadmap.add(item.get("allocatedPersonWeeks").decimalValue());
            }
        }
        JsonNode capacity = api.get("/api/cycles/" + cycleId + "/capacity" + query).body();
        return List.of(roadmap.stripTrailingZeros(),
                       capacity.get("organisation").get("allocatedPersonWeeks").decimalValue().stripTrailingZeros());
    }

    private List<String> historyTypesAndReasons(String initiativeId) {
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : api.get("/api/initiatives/" + initiativeId + "/history").body().get("events")) {
            entries.add(entry.get("type").asText() + " by " + entry.get("actor").asText() + " ("
                        + entry.get("reason").asText() + ") " + entry.get("after"));
        }
        return entries;
    }

    @Test
    void theSameScoreAgainAppendsNothingAnswersTheVersionAndIsNoChurn() {
        plan("agr-a", 2043);
        propose("agr-a", "agr-a-one", "KTLO");
        HttpApi.Response scored = api.write("/api/initiatives/agr-a-one/score", """
                {"reach": 2, "impact": 1, "confidence": 0.5, "effort": 4, "reason": "first guess"}""");
        awaitViews(api.write("/api/initiatives/agr-a-one/score", """
                {"reach": 3, "impact": 1, "confidence": 0.5, "effort": 4, "reason": "more users"}"""));
        JsonNode churn = api.get("/api/cycles/agr-a-s1/retrospective").body().get("churn");
        long taken = positionsTaken();
        long version = scored.body().get("version").asLong() + 1;

        HttpApi.Response again = api.post("/api/initiatives/agr-a-one/score", """
                {"reach": 3.0, "impact": 1.00, "confidence": 0.50, "effort": 4, "reason": "same numbers"}""");
        HttpApi.Response withoutReason = api.post("/api/initiatives/agr-a-one/score", """
                {"reach": 3, "impact": 1, "confidence": 0.5, "effort": 4}""");

        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body().get("version").asLong()).isEqualTo(version);
        assertThat(withoutReason.status()).as(withoutReason.raw()).isEqualTo(422);
        assertThat(positionsTaken()).as("positions taken, so appends tried").isEqualTo(taken);
        awaitAllViews();
        assertThat(api.get("/api/cycles/agr-a-s1/retrospective").body().get("churn")).isEqualTo(churn);
        assertThat(churn.get("rescores").asInt()).isEqualTo(1);
    }

    @Test
    void aDeferralReleasesItsAllocationSoRoadmapAndCapacityAgreeNowAndAsOfThen() throws Exception {
        plan("agr-d", 2044);
        propose("agr-d", "agr-d-moved", "KTLO");
        propose("agr-d", "agr-d-stays", "KTLO");
        allocate("agr-d", "agr-d-moved", 6);
        allocate("agr-d", "agr-d-stays", 4);
        String defer = """
                {"toCycleId": "agr-d-s2", "reason": "incidents first"}""";

        HttpResponse<String> deferred = postUnderKey("/api/initiatives/agr-d-moved/defer", "agr-d-defer", defer);
        Instant afterDeferral = Instant.now();
        long taken = positionsTaken();
        HttpResponse<String> retried = postUnderKey("/api/initiatives/agr-d-moved/defer", "agr-d-defer", defer);
        assertThat(positionsTaken()).as("a retry appends nothing, so releases nothing twice").isEqualTo(taken);
        awaitViews(allocate("agr-d", "agr-d-stays", 5));

        assertThat(deferred.statusCode()).as(deferred.body()).isEqualTo(200);
        assertThat(retried.body()).isEqualTo(deferred.body());
        assertThat(roadmapAndCapacity("agr-d-s1", afterDeferral.toString()))
                .containsExactly(new BigDecimal("4"), new BigDecimal("4"));
        assertThat(roadmapAndCapacity("agr-d-s1", null)).containsExactly(new BigDecimal("5"), new BigDecimal("5"));
        assertThat(historyTypesAndReasons("agr-d-moved")).containsSubsequence(
                "CapacityAllocated by " + TestUsers.TESTER + " (initiative agr-d-moved was deferred to cycle "
                + "agr-d-s2: incidents first) {\"cycleId\":\"agr-d-s1\",\"teamId\":\"agr-d-team\",\"personWeeks\":0}",
                "InitiativeDeferred by " + TestUsers.TESTER + " (incidents first) "
                + "{\"cycleId\":\"agr-d-s2\",\"status\":\"PROPOSED\"}");
    }

    @Test
    void aDropReleasesItsAllocationSoRoadmapAndCapacityAgreeNowAndAsOfThen() {
        plan("agr-x", 2045);
        propose("agr-x", "agr-x-gone", "NEW_INITIATIVE");
        propose("agr-x", "agr-x-kept", "KTLO");
        allocate("agr-x", "agr-x-gone", 7);
        allocate("agr-x", "agr-x-kept", 3);
        api.write("/api/initiatives/agr-x-gone/commit", null);

        HttpApi.Response dropped = api.write("/api/initiatives/agr-x-gone/drop", """
                {"reason": "superseded"}""");
        Instant afterDrop = Instant.now();
        awaitViews(allocate("agr-x", "agr-x-kept", 2));

        assertThat(roadmapAndCapacity("agr-x-s1", afterDrop.toString()))
                .containsExactly(new BigDecimal("3"), new BigDecimal("3"));
        assertThat(roadmapAndCapacity("agr-x-s1", null)).containsExactly(new BigDecimal("2"), new BigDecimal("2"));
        assertThat(dropped.body().get("version").asLong()).as("the initiative's version, not the plan's")
                                                          .isEqualTo(2);
        assertThat(historyTypesAndReasons("agr-x-gone")).containsSubsequence(
                "CapacityAllocated by " + TestUsers.TESTER + " (initiative agr-x-gone was dropped: superseded) "
                + "{\"cycleId\":\"agr-x-s1\",\"teamId\":\"agr-x-team\",\"personWeeks\":0}",
                "InitiativeDropped by " + TestUsers.TESTER + " (superseded) {\"status\":\"DROPPED\"}");
    }
}
