package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One initiative, objective or team read on its own, now or as of an instant: exactly what the cycle's views show
 * of it then, with the answer's {@code asOf} and {@code lastEventAt}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ItemReadsTest extends HttpTestBase {

    /** An instant before this class wrote anything: nothing of it existed then. */
    private static final String LONG_AGO = "2020-01-01T00:00:00Z";

    private String before;

    @BeforeAll
    void plan() {
        client();
        api.write("/api/cycles", """
                {"id": "itm-s1", "name": "Items", "startDate": "2039-04-01", "endDate": "2039-09-30"}""");
        api.write("/api/cycles", """
                {"id": "itm-s2", "name": "Later", "startDate": "2039-10-01", "endDate": "2040-03-31"}""");
        api.write("/api/teams", """
                {"id": "itm-group", "name": "Group"}""");
        api.write("/api/teams", """
                {"id": "itm-team", "name": "Itemisers", "parentId": "itm-group"}""");
        api.replace("/api/cycles/itm-s1/teams/itm-team/capacity", """
                {"personWeeks": 10}""");
        api.write("/api/initiatives", """
                {"id": "itm-a", "cycleId": "itm-s1", "teamId": "itm-team", "title": "A", "category": "KTLO",
                 "description": "the first"}""");
        api.write("/api/initiatives", """
                {"id": "itm-b", "cycleId": "itm-s1", "teamId": "itm-team", "title": "B", "category": "KTLO"}""");
        api.write("/api/initiatives/itm-a/score", """
                {"reach": 100, "impact": 1, "confidence": 1, "effort": 1, "reason": "first"}""");
        api.write("/api/initiatives/itm-b/score", """
                {"reach": 200, "impact": 1, "confidence": 1, "effort": 1, "reason": "first"}""");
        api.write("/api/cycles/itm-s1/teams/itm-team/allocations", """
                {"initiativeId": "itm-a", "personWeeks": 4}""");
        api.write("/api/objectives", """
                {"id": "itm-goal", "cycleId": "itm-s1", "title": "Goal", "ownerTeamId": "itm-team"}""");
        api.write("/api/objectives/itm-goal/key-results", """
                {"id": "kr", "title": "Speed", "metric": "days", "unit": "d", "baseline": 0, "target": 10}""");
        awaitViews(api.write("/api/initiatives/itm-a/key-results", """
                {"objectiveId": "itm-goal", "keyResultId": "kr"}"""));
        before = api.get("/api/cycles/itm-s1").body().get("asOf").asText();

        api.write("/api/initiatives/itm-a/score", """
                {"reach": 300, "impact": 1, "confidence": 1, "effort": 1, "reason": "data"}""");
        api.write("/api/objectives/itm-goal/key-results/kr/check-ins", """
                {"value": 5, "confidence": 0.5}""");
        api.write("/api/teams", """
                {"id": "itm-late", "name": "Late"}""");
        awaitViews(api.write("/api/initiatives/itm-b/defer", """
                {"toCycleId": "itm-s2", "reason": "later"}"""));
    }

    private JsonNode ok(String path) {
        HttpApi.Response answer = api.as("viewer").get(path);
        assertThat(answer.status()).as(path + ": " + answer.raw()).isEqualTo(200);
        return answer.body();
    }

    /** The item of this id in a list of the answer, by its id field. */
    private static JsonNode member(JsonNode list, String idField, String id) {
        return StreamSupport.stream(list.spliterator(), false).filter(item -> item.get(idField).asText().equals(id))
                            .findFirst().orElseThrow(() -> new AssertionError(id + " not in " + list));
    }

    /** The answer without these fields. */
    private static JsonNode without(JsonNode answer, String... fields) {
        ObjectNode copy = answer.deepCopy();
        copy.remove(List.of(fields));
        return copy;
    }

    @Test
    void anInitiativeIsItsItemOnItsCyclesRoadmapNowAndThen() {
        for (String asOf : List.of("", "?asOf=" + before)) {
            JsonNode roadmap = ok("/api/cycles/itm-s1/roadmap" + asOf);
            JsonNode initiative = ok("/api/initiatives/itm-a" + asOf);

            assertThat(without(initiative, "cycleId", "description", "asOf", "lastEventAt"))
                    .isEqualTo(member(roadmap.get("items"), "initiativeId", "itm-a"));
            assertThat(initiative.get("cycleId").asText()).isEqualTo("itm-s1");
            assertThat(initiative.get("description").asText()).isEqualTo("the first");
            assertThat(initiative.get("asOf")).isEqualTo(roadmap.get("asOf"));
            assertThat(initiative.get("lastEventAt")).isEqualTo(roadmap.get("lastEventAt"));
        }
        assertThat(ok("/api/initiatives/itm-a").get("rice").get("reach").asInt()).isEqualTo(300);
        assertThat(ok("/api/initiatives/itm-a?asOf=" + before).get("rice").get("reach").asInt()).isEqualTo(100);
        assertThat(ok("/api/initiatives/itm-a?asOf=" + before).get("asOf").asText()).isEqualTo(before);
    }

    @Test
    void aDeferredInitiativeIsInTheCycleItWasInThen() {
        JsonNode now = ok("/api/initiatives/itm-b");
        JsonNode then = ok("/api/initiatives/itm-b?asOf=" + before);

        assertThat(now.get("cycleId").asText()).isEqualTo("itm-s2");
        assertThat(without(now, "cycleId", "description", "asOf", "lastEventAt"))
                .isEqualTo(member(ok("/api/cycles/itm-s2/roadmap").get("items"), "initiativeId", "itm-b"));
        assertThat(then.get("cycleId").asText()).isEqualTo("itm-s1");
        assertThat(then.get("status").asText()).isEqualTo("PROPOSED");
        assertThat(then.get("rank").asInt()).isEqualTo(1);
    }

    @Test
    void anObjectiveIsWhatItsCyclesOkrViewShowsOfIt() {
        for (String asOf : List.of("", "?asOf=" + before)) {
            JsonNode okrs = ok("/api/cycles/itm-s1/okrs" + asOf);
            JsonNode objective = ok("/api/objectives/itm-goal" + asOf);

            assertThat(without(objective, "cycleId", "asOf"))
                    .isEqualTo(member(okrs.get("objectives"), "objectiveId", "itm-goal"));
            assertThat(objective.get("cycleId").asText()).isEqualTo("itm-s1");
            assertThat(objective.get("asOf")).isEqualTo(okrs.get("asOf"));
        }
        JsonNode keyResult = ok("/api/objectives/itm-goal").get("keyResults").get(0);
        assertThat(keyResult.get("confidenceTrend")).hasSize(1);
        assertThat(keyResult.get("initiatives").toString()).isEqualTo("[\"itm-a\"]");
        assertThat(ok("/api/objectives/itm-goal?asOf=" + before).get("keyResults").get(0).get("confidenceTrend")).isEmpty();
    }

    @Test
    void teamsWithTheirGroupsNowAndThen() {
        JsonNode team = ok("/api/teams/itm-team");
        assertThat(without(team, "asOf", "lastEventAt").toString())
                .isEqualTo("{\"id\":\"itm-team\",\"name\":\"Itemisers\",\"parentId\":\"itm-group\","
                           + "\"archived\":false}");
        assertThat(instant(team, "lastEventAt")).isBeforeOrEqualTo(Instant.parse(before));
        assertThat(instant(team, "asOf")).isAfter(Instant.parse(before));

        JsonNode now = ok("/api/teams");
        assertThat(member(now.get("teams"), "id", "itm-team")).isEqualTo(without(team, "asOf"));
        assertThat(ids(now)).contains("itm-group", "itm-team", "itm-late");
        assertThat(ids(now)).isSorted();
        assertThat(instant(now, "lastEventAt")).isAfter(Instant.parse(before));

        JsonNode then = ok("/api/teams?asOf=" + before);
        assertThat(ids(then)).contains("itm-group", "itm-team").doesNotContain("itm-late");
        assertThat(then.get("asOf").asText()).isEqualTo(before);
    }

    private static Instant instant(JsonNode answer, String field) {
        return Instant.parse(answer.get(field).asText());
    }

    private static List<String> ids(JsonNode teams) {
        List<String> ids = new ArrayList<>();
        teams.get("teams").forEach(team -> ids.add(team.get("id").asText()));
        return ids;
    }

    @Test
    void whatDidNotExistThenIsNotFound() {
        for (String path : List.of("/api/initiatives/itm-a", "/api/objectives/itm-goal", "/api/teams/itm-team")) {
            HttpApi.Response then = api.get(path + "?asOf=" + LONG_AGO);
            assertThat(then.status()).as(path).isEqualTo(404);
            assertThat(then.contentType()).isEqualTo("application/problem+json");
            assertThat(then.body().get("detail").asText()).endsWith(" did not exist at " + LONG_AGO);
        }
        assertThat(api.get("/api/teams/itm-late?asOf=" + before).status()).isEqualTo(404);
        assertThat(api.get("/api/initiatives/itm-never").body().get("detail").asText())
                .isEqualTo("initiative itm-never does not exist");
        assertThat(api.get("/api/objectives/itm-never").status()).isEqualTo(404);
        assertThat(api.get("/api/teams/itm-never").body().get("detail").asText())
                .isEqualTo("team itm-never does not exist");
        assertThat(api.get("/api/teams?asOf=soon").status()).isEqualTo(400);
    }
}
