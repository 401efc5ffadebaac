package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every path that takes a bucket over its share plus tolerance, besides an allocation: a lower capacity, a team's own
 * policy and the cycle's policy. Each is refused without an override reason (422 naming team, bucket, limit and
 * amount, nothing appended) and, with one, made and its override recorded as an allocation's is: in the capacity
 * view and the decision log, with its cause.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuardrailPathsTest extends HttpTestBase {

    private static final String THIRTY_SEVENTY = """
            {"buckets": [{"name": "new", "categories": ["NEW_INITIATIVE"], "share": 30},
                         {"name": "run", "categories": ["KTLO", "TEAM_INITIATIVE"], "share": 70}], "tolerance": 0}""";
    private static final String FORTY_SIXTY = """
            {"buckets": [{"name": "new", "categories": ["NEW_INITIATIVE"], "share": 40},
                         {"name": "run", "categories": ["KTLO", "TEAM_INITIATIVE"], "share": 60}], "tolerance": 5}""";

    /** Each refusal by its path, and whether the log took no position for it. */
    private final Map<String, HttpApi.Response> refused = new LinkedHashMap<>();
    private final Map<String, Boolean> appendedNothing = new LinkedHashMap<>();
    private final Map<String, HttpApi.Response> overridden = new LinkedHashMap<>();

    @BeforeAll
    void takeBucketsOverEveryWay() {
        client();
        HttpApi maria = api.as("maria");
        maria.write("/api/cycles", """
                {"id": "grd-s1", "name": "Guardrails", "startDate": "2041-04-01", "endDate": "2041-09-30"}""");
        for (String team : List.of("grd-a", "grd-b", "grd-c")) {
            maria.write("/api/teams", "{\"id\": \"" + team + "\", \"name\": \"" + team + "\"}");
            maria.write("/api/initiatives", """
                    {"id": "%s-bet", "cycleId": "grd-s1", "teamId": "%s", "title": "Bet of %s",
                     "category": "NEW_INITIATIVE"}""".formatted(team, team, team));
            maria.replace("/api/cycles/grd-s1/teams/" + team + "/capacity", "{\"personWeeks\": 40}");
            // 20 of 40: 50%, within the standard 50% + 5.
            maria.write("/api/cycles/grd-s1/teams/" + team + "/allocations", """
                    {"initiativeId": "%s-bet", "personWeeks": 20}""".formatted(team));
        }

        both(maria, "capacity", "PUT", "/api/cycles/grd-s1/teams/grd-a/capacity", """
                {"personWeeks": 36, "reason": "two people left"%s}""", "the launch keeps its people");
        both(maria, "team policy", "PUT", "/api/cycles/grd-s1/teams/grd-b/policy", """
                {"policy": %s, "reason": "run work first"%%s}""".formatted(THIRTY_SEVENTY), "the bet is signed");
        both(maria, "cycle policy", "PUT", "/api/cycles/grd-s1/policy", """
                {"policy": %s, "reason": "fewer bets"%%s}""".formatted(FORTY_SIXTY), "both bets are under way");
        awaitViews(overridden.get("cycle policy"));
    }

    /** Sends the write without an override (refused, it is expected), then with this override reason. */
    private void both(HttpApi as, String path, String method, String url, String body, String overrideReason) {
        long before = positionsTaken();
        refused.put(path, as.exchange(method, url, body.formatted("")));
        appendedNothing.put(path, positionsTaken() == before);
        HttpApi.Response made = as.exchange(method, url, body.formatted(
                ", \"override\": {\"reason\": \"" + overrideReason + "\"}"));
        assertThat(made.status()).as(made.raw()).isEqualTo(200);
        overridden.put(path, made);
    }

    private void assertRefused(String path, String detail) {
        HttpApi.Response refusal = refused.get(path);
        assertThat(refusal.status()).as(refusal.raw()).isEqualTo(422);
        assertThat(refusal.contentType()).isEqualTo("application/problem+json");
        assertThat(refusal.body().get("errors").get(0).get("field").asText()).isEqualTo("override.reason");
        assertThat(refusal.body().get("detail").asText()).isEqualTo(detail);
        assertThat(appendedNothing.get(path)).as("nothing appended").isTrue();
    }

    @Test
    void aLowerCapacityThatTakesABucketOverNeedsAnOverrideReason() {
        assertRefused("capacity", "bucket 'new' of team grd-a would hold 20 of 36 person-weeks (55.5556%), above "
                                  + "its limit of 19.8 person-weeks (its 50% share plus 5 points of tolerance); to set "
                                  + "the capacity anyway, give override.reason");
    }

    @Test
    void aTeamsPolicyThatTakesABucketOverNeedsAnOverrideReason() {
        assertRefused("team policy", "bucket 'new' of team grd-b would hold 20 of 40 person-weeks (50%), above its "
                                     + "limit of 12 person-weeks (its 30% share plus 0 points of tolerance); to take "
                                     + "this policy anyway, give override.reason");
    }

    @Test
    void theCyclesPolicyThatTakesBucketsOverNeedsOneOverrideReasonNamingEveryTeamItTakesOver() {
        // grd-a (20 of 36 since) and grd-c follow the cycle's policy; grd-b has its own.
        assertRefused("cycle policy", "bucket 'new' of team grd-a would hold 20 of 36 person-weeks (55.5556%), "
                                      + "above its limit of 16.2 person-weeks (its 40% share plus 5 points of "
                                      + "tolerance); bucket 'new' of team grd-c would hold 20 of 40 person-weeks "
                                      + "(50%), above its limit of 18 person-weeks (its 40% share plus 5 points of "
                                      + "tolerance); to change the cycle's policy anyway, give override.reason (it "
                                      + "stands for every team)");
    }

    @Test
    void theCapacityViewListsEachOverrideOnItsTeamWithItsCauseAndReason() {
        JsonNode view = api.get("/api/cycles/grd-s1/capacity").body();

        assertThat(overrides(team(view, "grd-a"))).containsExactly(
                "CAPACITY_LOWERED new 50+5 55.5556 by maria: the launch keeps its people",
                "CYCLE_POLICY_CHANGED new 40+5 55.5556 by maria: both bets are under way");
        assertThat(overrides(team(view, "grd-b"))).containsExactly(
                "TEAM_POLICY_CHANGED new 30+0 50 by maria: the bet is signed");
        assertThat(overrides(team(view, "grd-c"))).containsExactly(
                "CYCLE_POLICY_CHANGED new 40+5 50 by maria: both bets are under way");
    }

    @Test
    void theDecisionLogRecordsEachOverrideAboutItsTeamWithItsCause() {
        HttpApi.Response log = api.get("/api/decisions?cycle=grd-s1&type=GuardrailOverridden");
        assertThat(log.status()).as(log.raw()).isEqualTo(200);
        List<String> decisions = new ArrayList<>();
        log.body().get("decisions").forEach(decision -> decisions.add(
                decision.get("subjectId").asText() + " " + decision.get("values").get("cause").asText() + " "
                + decision.get("actor").asText() + ": " + decision.get("reason").asText()));

        // Newest first; the cycle's change appended grd-a's and grd-c's in one commit.
        assertThat(decisions).containsExactlyInAnyOrder(
                "grd-a CAPACITY_LOWERED maria: the launch keeps its people",
                "grd-b TEAM_POLICY_CHANGED maria: the bet is signed",
                "grd-a CYCLE_POLICY_CHANGED maria: both bets are under way",
                "grd-c CYCLE_POLICY_CHANGED maria: both bets are under way");
        assertThat(decisions.get(decisions.size() - 1)).isEqualTo(
                "grd-a CAPACITY_LOWERED maria: the launch keeps its people");
    }

    @Test
    void anInitiativesHistoryHoldsOnlyTheOverridesOfItsOwnAllocations() {
        HttpApi.Response history = api.get("/api/initiatives/grd-a-bet/history");
        assertThat(history.status()).as(history.raw()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        history.body().get("events").forEach(event -> types.add(event.get("type").asText()));

        assertThat(types).containsExactly("InitiativeProposed", "CapacityAllocated");
    }

    private static JsonNode team(JsonNode view, String teamId) {
        return StreamSupport.stream(view.get("teams").spliterator(), false)
                            .filter(team -> team.get("teamId").asText().equals(teamId)).findFirst().orElseThrow();
    }

    private static List<String> overrides(JsonNode team) {
        List<String> rows = new ArrayList<>();
        team.get("overrides").forEach(override -> {
            assertThat(override.get("initiativeId").isNull()).isTrue();
            rows.add(override.get("cause").asText() + " " + override.get("bucket").asText() + " "
                     + override.get("targetShare").asInt() + "+" + override.get("tolerance").asInt() + " "
                     + override.get("resultingShare").decimalValue().toPlainString() + " by "
                     + override.get("actor").asText() + ": " + override.get("reason").asText());
        });
        return rows;
    }
}
