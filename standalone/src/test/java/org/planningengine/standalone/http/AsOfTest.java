package org.planningengine.standalone.http;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every cycle view as of a past instant is exactly the view as it was then: the answers taken along a semester are
 * asked for again at its end, as of their own {@code asOf}, and must be the same, byte for byte.
 */
class AsOfTest extends HttpTestBase {

    private static final List<String> VIEWS = List.of("", "/roadmap", "/capacity", "/okrs");

    private final List<String> instants = new ArrayList<>();

    /** Every view of the cycle now, by path (with its asOf), after the views reflect the write. */
    private Map<String, String> snapshot(HttpApi.Response write) {
        awaitViews(write);
        instants.add(api.get("/api/cycles/aso-s1").body().get("asOf").asText());
        Map<String, String> answers = new LinkedHashMap<>();
        for (String view : VIEWS) {
            HttpApi.Response answer = api.get("/api/cycles/aso-s1" + view);
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
            answers.put("/api/cycles/aso-s1" + view + "?asOf=" + answer.body().get("asOf").asText(), answer.raw());
        }
        return answers;
    }

    @Test
    void everyViewAsOfAnInstantIsTheViewAsItStoodThen() {
        List<Map<String, String>> snapshots = new ArrayList<>();
        api.write("/api/cycles", """
                {"id": "aso-s1", "name": "As of", "startDate": "2035-04-01", "endDate": "2035-09-30"}""");
        api.write("/api/cycles", """
                {"id": "aso-s2", "name": "Later", "startDate": "2035-10-01", "endDate": "2036-03-31"}""");
        api.write("/api/teams", """
                {"id": "aso-team", "name": "Historians"}""");
        api.replace("/api/cycles/aso-s1/teams/aso-team/capacity", """
                {"personWeeks": 20}""");
        for (String id : List.of("aso-a", "aso-b", "aso-c")) {
            api.write("/api/initiatives", """
                    {"id": "%s", "cycleId": "aso-s1", "teamId": "aso-team", "title": "%s", "category": "KTLO"}"""
                    .formatted(id, id));
        }
        api.write("/api/objectives", """
                {"id": "aso-goal", "cycleId": "aso-s1", "title": "Remember"}""");
        snapshots.add(snapshot(api.write("/api/objectives/aso-goal/key-results", """
                {"id": "aso-kr", "title": "Recall", "metric": "recall", "unit": "%", "baseline": 50, "target": 90}""")));

        api.write("/api/initiatives/aso-a/score", """
                {"reach": 100, "impact": 1, "confidence": 1, "effort": 1, "reason": "first"}""");
        api.write("/api/initiatives/aso-b/score", """
                {"reach": 200, "impact": 1, "confidence": 1, "effort": 1, "reason": "first"}""");
        api.write("/api/initiatives/aso-a/key-results", """
                {"objectiveId": "aso-goal", "keyResultId": "aso-kr"}""");
        snapshots.add(snapshot(api.write("/api/cycles/aso-s1/teams/aso-team/allocations", """
                {"initiativeId": "aso-a", "personWeeks": 8}""")));

        api.write("/api/initiatives/aso-a/score", """
                {"reach": 300, "impact": 1, "confidence": 1, "effort": 1, "reason": "second"}""");
        api.write("/api/objectives/aso-goal/key-results/aso-kr/check-ins", """
                {"value": 60, "confidence": 0.5}""");
        api.write("/api/initiatives/aso-c/defer", """
                {"toCycleId": "aso-s2", "reason": "later"}""");
        snapshots.add(snapshot(api.replace("/api/cycles/aso-s1/policy", """
                {"policy": {"buckets": [{"name": "new", "categories": ["NEW_INITIATIVE"], "share": 40},
                                        {"name": "run", "categories": ["KTLO", "TEAM_INITIATIVE"], "share": 60}],
                            "tolerance": 5}, "reason": "more upkeep"}""")));

        api.write("/api/initiatives/aso-b/drop", """
                {"reason": "no longer needed"}""");
        api.write("/api/cycles/aso-s1/teams/aso-team/allocations", """
                {"initiativeId": "aso-a", "personWeeks": 0}""");
        HttpApi.Response last = api.write("/api/objectives/aso-goal/reviews", """
                {"outcome": "RETIRE", "reason": "done with it"}""");
        awaitViews(last);

        for (Map<String, String> snapshot : snapshots) {
            snapshot.forEach((asOfRequest, answerThen) -> {
                HttpApi.Response answerNow = api.get(asOfRequest);
                assertThat(answerNow.status()).as(asOfRequest + ": " + answerNow.raw()).isEqualTo(200);
                assertThat(answerNow.raw()).as(asOfRequest).isEqualTo(answerThen);
            });
        }
        assertThat(snapshots.get(0).values().iterator().next()).isNotEqualTo(api.get("/api/cycles/aso-s1").raw());

        String now = api.get("/api/cycles/aso-s1").body().get("asOf").asText();
        assertThat(diff(instants.get(1), instants.get(2))).containsExactly(
                "entered []", "left [aso-c 3]", "rank aso-a 2→1", "rank aso-b 1→2", "score aso-a 100.00→300.00");
        assertThat(diff(instants.get(0), instants.get(1))).containsExactly(
                "entered []", "left []", "rank aso-b 2→1", "rank aso-a 1→2", "score aso-b null→200.00",
                "score aso-a null→100.00", "allocation aso-a 0→8");
        assertThat(diff(instants.get(2), now)).containsExactly(
                "entered []", "left []", "rank aso-b 2→null", "status aso-b PROPOSED→DROPPED",
                "allocation aso-a 8→0");
        assertThat(diff("2020-01-01T00:00:00Z", instants.get(0))).containsExactly(
                "entered [aso-a 1, aso-b 2, aso-c 3]", "left []");
    }

    /** The diff of the roadmap between two instants, a line per change. */
    private List<String> diff(String from, String to) {
        HttpApi.Response diff = api.get("/api/cycles/aso-s1/roadmap/diff?from=" + from + "&to=" + to);
        assertThat(diff.status()).as(diff.raw()).isEqualTo(200);
        List<String> lines = new ArrayList<>();
        for (String list : List.of("entered", "left")) {
            List<String> entries = new ArrayList<>();
            diff.body().get(list).forEach(entry -> entries.add(entry.get("initiativeId").asText() + " "
                                                               + entry.get("rank").asText()));
            lines.add(list + " " + entries);
        }
        diff.body().get("rankChanges").forEach(change -> lines.add(
                "rank " + change.get("initiativeId").asText() + " " + change.get("fromRank").asText() + "→"
                + change.get("toRank").asText()));
        diff.body().get("scoreChanges").forEach(change -> lines.add(
                "score " + change.get("initiativeId").asText() + " " + change.get("fromScore").asText() + "→"
                + change.get("toScore").asText()));
        diff.body().get("statusChanges").forEach(change -> lines.add(
                "status " + change.get("initiativeId").asText() + " " + change.get("fromStatus").asText() + "→"
                + change.get("toStatus").asText()));
        diff.body().get("allocationChanges").forEach(change -> lines.add(
                "allocation " + change.get("initiativeId").asText() + " "
                + change.get("fromPersonWeeks").asText() + "→" + change.get("toPersonWeeks").asText()));
        return lines;
    }

    @Test
    void beforeTheCycleExistedIsNotFoundAndTheFutureIsRefused() {
        HttpApi.Response started = api.write("/api/cycles", """
                {"id": "aso-s3", "name": "Young", "startDate": "2036-04-01", "endDate": "2036-09-30"}""");
        awaitViews(started);

        HttpApi.Response before = api.get("/api/cycles/aso-s3/roadmap?asOf=2020-01-01T00:00:00Z");
        assertThat(before.status()).isEqualTo(404);
        assertThat(before.body().get("detail").asText()).isEqualTo("cycle aso-s3 did not exist at 2020-01-01T00:00:00Z");
        HttpApi.Response future = api.get("/api/cycles/aso-s3/capacity?asOf=2999-01-01T00:00:00Z");
        assertThat(future.status()).isEqualTo(422);
        assertThat(future.body().get("errors").get(0).get("field").asText()).isEqualTo("asOf");
        HttpApi.Response notAnInstant = api.get("/api/cycles/aso-s3/okrs?asOf=yesterday");
        assertThat(notAnInstant.status()).isEqualTo(400);
        assertThat(notAnInstant.contentType()).isEqualTo("application/problem+json");
        assertThat(api.get("/api/cycles/aso-s3/roadmap/diff?to=2030-01-01T00:00:00Z").status()).isEqualTo(400);
        HttpApi.Response backwards = api.get("/api/cycles/aso-s3/roadmap/diff?from=2030-01-02T00:00:00Z"
                                             + "&to=2030-01-01T00:00:00Z");
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(backwards.body().get("errors").get(0).get("field").asText()).isEqualTo("from");
    }
}
