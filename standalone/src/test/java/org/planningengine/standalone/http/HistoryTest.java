package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import org.junit.jupiter.api.Test;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.eventlog.testing.Await;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision history of an initiative and of an objective: every event, who, why, and what it changed. */
class HistoryTest extends HttpTestBase {

    /** sequence, type, actor, reason, before → after of every entry. */
    private static List<String> entries(JsonNode history) {
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : history.get("events")) {
            assertThat(entry.get("at").asText()).isNotEmpty();
            entries.add(entry.get("sequence").asLong() + " " + entry.get("type").asText() + " by "
                        + entry.get("actor").asText() + " (" + entry.get("reason").asText() + ") "
                        + entry.get("before") + " -> " + entry.get("after"));
        }
        return entries;
    }

    @Test
    void anInitiativesScoresStatusesAllocationsAndReasons() {
        HttpApi ines = api.as("ines");
        HttpApi omar = api.as("omar");
        ines.write("/api/cycles", """
                {"id": "his-s1", "name": "History", "startDate": "2032-04-01", "endDate": "2032-09-30"}""");
        ines.write("/api/cycles", """
                {"id": "his-s2", "name": "Later", "startDate": "2032-10-01", "endDate": "2033-03-31"}""");
        ines.write("/api/teams", """
                {"id": "his-team", "name": "Historians"}""");
        ines.replace("/api/cycles/his-s1/teams/his-team/capacity", """
                {"personWeeks": 10}""");
        ines.write("/api/initiatives", """
                {"id": "archive", "cycleId": "his-s1", "teamId": "his-team", "title": "Archive", "category": "KTLO"}""");
        ines.write("/api/initiatives/archive/score", """
                {"reach": 100, "impact": 1, "confidence": 0.5, "effort": 2, "reason": "first guess"}""");
        omar.write("/api/initiatives/archive/score", """
                {"reach": 300, "impact": 2, "confidence": 0.8, "effort": 4, "reason": "usage data"}""");
        omar.write("/api/initiatives/archive/commit", """
                {"reason": "top of the list"}""");
        omar.write("/api/cycles/his-s1/teams/his-team/allocations", """
                {"initiativeId": "archive", "personWeeks": 6, "reason": "most of the team",
                 "override": {"reason": "archive first"}}""");
        ines.write("/api/initiatives/archive/defer", """
                {"toCycleId": "his-s2", "reason": "waiting for storage"}""");

        HttpApi.Response history = api.get("/api/initiatives/archive/history");

        assertThat(history.status()).as(history.raw()).isEqualTo(200);
        List<String> streams = new ArrayList<>();
        history.body().get("events").forEach(entry -> streams.add(entry.get("stream").asText() + "#"
                                                                  + entry.get("sequence").asLong()));
        assertThat(streams).containsExactly("initiative:archive#0", "initiative:archive#1", "initiative:archive#2",
                                            "initiative:archive#3", "team-plan:his-s1/his-team#1",
                                            "team-plan:his-s1/his-team#2", "team-plan:his-s1/his-team#3",
                                            "initiative:archive#4");
        assertThat(entries(history.body())).containsExactly(
                "0 InitiativeProposed by ines (null) null -> {\"cycleId\":\"his-s1\",\"teamId\":\"his-team\","
                + "\"title\":\"Archive\",\"description\":null,\"category\":\"KTLO\",\"status\":\"PROPOSED\"}",
                "1 InitiativeScored by ines (first guess) null -> {\"reach\":100,\"impact\":1,\"confidence\":0.5,"
                + "\"effort\":2,\"score\":25.0}",
                "2 InitiativeScored by omar (usage data) {\"reach\":100,\"impact\":1,\"confidence\":0.5,\"effort\":2,"
                + "\"score\":25.0} -> {\"reach\":300,\"impact\":2,\"confidence\":0.8,\"effort\":4,\"score\":120.0}",
                "3 InitiativeCommitted by omar (top of the list) {\"status\":\"PROPOSED\"} -> "
                + "{\"status\":\"COMMITTED\"}",
                "1 CapacityAllocated by omar (most of the team) {\"cycleId\":\"his-s1\",\"teamId\":\"his-team\","
                + "\"personWeeks\":0} -> {\"cycleId\":\"his-s1\",\"teamId\":\"his-team\",\"personWeeks\":6}",
                "2 GuardrailOverridden by omar (archive first) null -> {\"cause\":\"ALLOCATION\",\"bucket\":\"run\","
                + "\"targetShare\":50,\"tolerance\":5,\"resultingShare\":60}",
                "3 CapacityAllocated by ines (initiative archive was deferred to cycle his-s2: waiting for storage) "
                + "{\"cycleId\":\"his-s1\",\"teamId\":\"his-team\",\"personWeeks\":6} -> "
                + "{\"cycleId\":\"his-s1\",\"teamId\":\"his-team\",\"personWeeks\":0}",
                "4 InitiativeDeferred by ines (waiting for storage) {\"cycleId\":\"his-s1\",\"status\":\"COMMITTED\"}"
                + " -> {\"cycleId\":\"his-s2\",\"status\":\"PROPOSED\"}");
    }

    @Test
    void anObjectivesCheckInsRollupReviewAndGrade() {
        HttpApi lea = api.as("lea");
        lea.write("/api/cycles", """
                {"id": "his-s3", "name": "History OKRs", "startDate": "2033-04-01", "endDate": "2033-09-30"}""");
        lea.write("/api/objectives", """
                {"id": "his-goal", "cycleId": "his-s3", "title": "Remember"}""");
        lea.write("/api/objectives/his-goal/key-results", """
                {"id": "recall", "title": "Recall", "metric": "recall", "unit": "%", "baseline": 50, "target": 90}""");
        lea.write("/api/objectives/his-goal/key-results/recall/check-ins", """
                {"value": 60, "confidence": 0.5, "measuredAt": "2026-10-26T09:00:00Z"}""");
        lea.write("/api/objectives/his-goal/key-results/recall/check-ins", """
                {"value": 70, "confidence": 0.6, "comment": "better", "measuredAt": "2026-11-02T10:00:00+01:00"}""");
        lea.replace("/api/objectives/his-goal/rollup", """
                {"mode": "WEIGHTED", "keyResultWeights": {"recall": 2}, "reason": "recall first"}""");
        lea.write("/api/objectives/his-goal/reviews", """
                {"outcome": "ADJUST", "reason": "clearer", "changes": {"title": "Remember everything"}}""");
        lea.write("/api/cycles/his-s3/commit", null);
        lea.write("/api/objectives/his-goal/grade", """
                {"reason": "end"}""");

        List<String> entries = entries(api.get("/api/objectives/his-goal/history").body());

        assertThat(entries).hasSize(7);
        assertThat(entries.get(3)).isEqualTo(
                "3 KeyResultUpdated by lea (null) {\"keyResultId\":\"recall\",\"value\":60,\"progress\":0.25} -> "
                + "{\"keyResultId\":\"recall\",\"value\":70,\"progress\":0.5,\"confidence\":0.6,\"comment\":\"better\","
                + "\"measuredAt\":\"2026-11-02T09:00:00Z\"}");
        assertThat(entries.get(4)).isEqualTo(
                "4 ObjectiveRollupSet by lea (recall first) {\"mode\":\"MEAN\",\"keyResultWeights\":{},"
                + "\"childWeights\":{}} -> {\"mode\":\"WEIGHTED\",\"keyResultWeights\":{\"recall\":2},"
                + "\"childWeights\":{}}");
        assertThat(entries.get(5)).isEqualTo(
                "5 ObjectiveReviewed by lea (clearer) {\"status\":\"ACTIVE\",\"title\":\"Remember\"} -> "
                + "{\"outcome\":\"ADJUST\",\"status\":\"ACTIVE\",\"title\":\"Remember everything\"}");
        assertThat(entries.get(6)).isEqualTo(
                "6 ObjectiveGraded by lea (end) {\"status\":\"ACTIVE\"} -> {\"status\":\"GRADED\",\"grade\":0.5,"
                + "\"grades\":{\"recall\":0.5}}");
    }

    /** Past the snapshot threshold (100 events), the history still starts at the proposal and holds every score. */
    @Test
    void aSnapshotHidesNothing() {
        HttpApi ines = api.as("ines");
        ines.write("/api/cycles", """
                {"id": "his-s4", "name": "Long history", "startDate": "2034-04-01", "endDate": "2034-09-30"}""");
        ines.write("/api/teams", """
                {"id": "his-scorers", "name": "Scorers"}""");
        ines.write("/api/initiatives", """
                {"id": "his-long", "cycleId": "his-s4", "teamId": "his-scorers", "title": "Long", "category": "KTLO"}""");
        int scores = 101;
        for (int reach = 1; reach <= scores; reach++) {
            ines.write("/api/initiatives/his-long/score", """
                    {"reach": %d, "impact": 1, "confidence": 1, "effort": 1, "reason": "more users"}""".formatted(reach));
        }
        Await.until("the initiative to be snapshotted", () -> database.getCollection(
                MongoEventLog.SNAPSHOTS_COLLECTION).find(Filters.eq("_id", "initiative:his-long")).first() != null);

        JsonNode events = api.get("/api/initiatives/his-long/history").body().get("events");

        assertThat(events).hasSize(1 + scores);
        assertThat(events.get(0).get("sequence").asLong()).isZero();
        assertThat(events.get(0).get("type").asText()).isEqualTo("InitiativeProposed");
        for (int reach = 1; reach <= scores; reach++) {
            JsonNode entry = events.get(reach);
            assertThat(entry.get("sequence").asLong()).isEqualTo(reach);
            assertThat(entry.get("type").asText()).isEqualTo("InitiativeScored");
            assertThat(entry.get("after").get("reach").asInt()).isEqualTo(reach);
        }
    }

    @Test
    void theHistoryOfSomethingUnknownIsNotFound() {
        HttpApi.Response response = api.get("/api/initiatives/never-proposed/history");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body().get("detail").asText()).isEqualTo("initiative never-proposed does not exist");
        assertThat(api.get("/api/objectives/never-set/history").status()).isEqualTo(404);
    }
}
