package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * View storage grows with the events, not with their square. Lists that grow with an aggregate's events (check-ins,
 * reviews, guardrail overrides) must not sit in a document whose every version is kept for as-of reads: each entry
 * would then be copied once per later event. Counted in stored entries across every view collection and its
 * history, never in time.
 */
class ViewGrowthTest extends HttpTestBase {

    /** A semester of weekly check-ins. */
    private static final int TIMES = 26;

    @Test
    void aKeyResultCheckedInEveryWeekStoresEachCheckInOnce() {
        api.write("/api/cycles", """
                {"id": "growth-s1", "name": "Growth", "startDate": "2029-04-01", "endDate": "2029-09-30"}""");
        api.write("/api/teams", """
                {"id": "growth-team", "name": "Growth"}""");
        api.write("/api/objectives", """
                {"id": "growth", "cycleId": "growth-s1", "ownerTeamId": "growth-team", "title": "Grow linearly"}""");
        api.write("/api/objectives/growth/key-results", """
                {"id": "weekly", "title": "Weekly", "metric": "m", "unit": "#", "baseline": 0, "target": 100}""");
        HttpApi.Response last = null;
        for (int week = 0; week < TIMES; week++) {
            last = api.write("/api/objectives/growth/key-results/weekly/check-ins", """
                    {"value": %d, "confidence": 0.5, "comment": "growth check-in %d"}""".formatted(week, week));
            if (week % 2 == 0) {
                api.write("/api/objectives/growth/reviews", """
                        {"outcome": "KEEP", "reason": "growth review %d"}""".formatted(week));
            }
        }
        awaitViews(last);

        assertThat(storedStrings("growth check-in ")).as("check-ins stored").isLessThanOrEqualTo(TIMES);
        // The decision log keeps one more copy of each review's reason.
        assertThat(storedStrings("growth review ")).as("reviews stored").isLessThanOrEqualTo(2 * (TIMES / 2));

        JsonNode keyResult = objective(api.get("/api/cycles/growth-s1/okrs").body()).get("keyResults").get(0);
        assertThat(keyResult.get("confidenceTrend")).hasSize(TIMES);
        assertThat(keyResult.get("confidenceTrend").get(TIMES - 1).get("comment").asText())
                .isEqualTo("growth check-in " + (TIMES - 1));
        // As of the tenth check-in, the nine before it and itself, and the reviews made by then.
        String tenth = checkInTimes("growth").get(9);
        JsonNode then = objective(api.get("/api/cycles/growth-s1/okrs?asOf=" + tenth).body());
        assertThat(then.get("keyResults").get(0).get("confidenceTrend")).hasSize(10);
        assertThat(then.get("keyResults").get(0).get("current").asText()).isEqualTo("9");
        assertThat(then.get("reviews")).hasSize(5);
    }

    @Test
    void aPlanOverriddenAgainAndAgainStoresEachOverrideOnce() {
        api.write("/api/cycles", """
                {"id": "growth-s2", "name": "Overrides", "startDate": "2029-04-01", "endDate": "2029-09-30"}""");
        api.write("/api/teams", """
                {"id": "growth-over", "name": "Over"}""");
        api.write("/api/initiatives", """
                {"id": "growth-bet", "cycleId": "growth-s2", "teamId": "growth-over", "title": "Bet",
                 "category": "NEW_INITIATIVE"}""");
        api.replace("/api/cycles/growth-s2/teams/growth-over/capacity", """
                {"personWeeks": 100, "reason": "a hundred"}""");
        HttpApi.Response last = null;
        for (int time = 0; time < TIMES; time++) {
            // Every allocation puts the new bucket above its 50% share plus tolerance.
            last = api.write("/api/cycles/growth-s2/teams/growth-over/allocations", """
                    {"initiativeId": "growth-bet", "personWeeks": %d, "override": {"reason": "growth override %d"}}"""
                    .formatted(70 + time, time));
        }
        awaitViews(last);

        // The decision log keeps one more copy of each override's reason.
        assertThat(storedStrings("growth override ")).as("overrides stored").isLessThanOrEqualTo(2 * TIMES);
        JsonNode team = api.get("/api/cycles/growth-s2/capacity").body().get("teams").get(0);
        assertThat(team.get("overrides")).hasSize(TIMES);
        assertThat(team.get("overrides").get(TIMES - 1).get("reason").asText())
                .isEqualTo("growth override " + (TIMES - 1));
    }

    /** How many strings starting with the prefix the view collections and their histories hold, at any depth. */
    private long storedStrings(String prefix) {
        long count = 0;
        for (String name : database.listCollectionNames()) {
            if (name.startsWith("view_")) {
                for (Document document : database.getCollection(name).find()) {
                    count += strings(document, prefix);
                }
            }
        }
        return count;
    }

    private static long strings(Object value, String prefix) {
        if (value instanceof String text) {
            return text.startsWith(prefix) ? 1 : 0;
        }
        if (value instanceof Document document) {
            return document.values().stream().mapToLong(inner -> strings(inner, prefix)).sum();
        }
        if (value instanceof List<?> list) {
            return list.stream().mapToLong(inner -> strings(inner, prefix)).sum();
        }
        return 0;
    }

    private static JsonNode objective(JsonNode okrs) {
        return StreamSupport.stream(okrs.get("objectives").spliterator(), false)
                            .filter(objective -> objective.get("objectiveId").asText().equals("growth"))
                            .findFirst().orElseThrow();
    }

    /** When each check-in of the objective happened, from its decision history. */
    private List<String> checkInTimes(String objectiveId) {
        List<String> times = new ArrayList<>();
        for (JsonNode event : api.get("/api/objectives/" + objectiveId + "/history").body().get("events")) {
            if (event.get("type").asText().equals("KeyResultUpdated")) {
                times.add(event.get("at").asText());
            }
        }
        return times;
    }
}
