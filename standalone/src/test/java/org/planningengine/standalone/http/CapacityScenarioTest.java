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
 * A semester's capacity planned through HTTP: three teams of different capacity, one with a policy of its own, an
 * allocation refused for capacity, one refused for the bucket guardrail and the same made with a reason, a release,
 * and a change of the cycle's policy at the end, refused for the bucket it takes over and then made with a reason;
 * then the capacity view, number by number.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CapacityScenarioTest extends HttpTestBase {

    private HttpApi maria;
    private HttpApi lea;
    private HttpApi.Response capacityRefused;
    private HttpApi.Response bucketRefused;
    private long positionsBeforeRefusals;
    private long positionsAfterRefusals;
    private HttpApi.Response policyRefused;
    private long positionsBeforePolicyRefused;
    private long positionsAfterPolicyRefused;

    @BeforeAll
    void planTheCapacity() {
        client();
        maria = api.as("maria");
        lea = api.as("lea");
        maria.write("/api/cycles", """
                {"id": "cap-s1", "name": "Capacity semester", "startDate": "2028-04-01", "endDate": "2028-09-30"}""");
        for (String team : List.of("cap-core", "cap-apps", "cap-data")) {
            maria.write("/api/teams", "{\"id\": \"" + team + "\", \"name\": \"" + team + "\"}");
        }
        propose("core-new", "cap-core", "NEW_INITIATIVE");
        propose("core-ktlo", "cap-core", "KTLO");
        propose("core-team", "cap-core", "TEAM_INITIATIVE");
        propose("apps-new", "cap-apps", "NEW_INITIATIVE");
        propose("apps-ktlo", "cap-apps", "KTLO");
        propose("data-new", "cap-data", "NEW_INITIATIVE");
        propose("data-ktlo", "cap-data", "KTLO");

        capacity("cap-core", "40");
        capacity("cap-apps", "60");
        capacity("cap-data", "100");
        maria.replace("/api/cycles/cap-s1/teams/cap-data/policy", """
                {"policy": {"buckets": [{"name": "build", "categories": ["NEW_INITIATIVE"], "share": 70},
                                        {"name": "keep", "categories": ["KTLO", "TEAM_INITIATIVE"], "share": 30}],
                            "tolerance": 0},
                 "reason": "migration semester"}""");

        allocate(maria, "cap-core", "core-ktlo", "12", null);
        allocate(maria, "cap-core", "core-team", "8", null);
        allocate(maria, "cap-core", "core-new", "20", null);
        allocate(maria, "cap-apps", "apps-new", "33", null);
        allocate(maria, "cap-apps", "apps-ktlo", "10", null);
        allocate(maria, "cap-data", "data-new", "70", null);
        allocate(maria, "cap-data", "data-ktlo", "20", null);

        positionsBeforeRefusals = positionsTaken();
        capacityRefused = maria.post("/api/cycles/cap-s1/teams/cap-core/allocations", """
                {"initiativeId": "core-new", "personWeeks": 21}""");
        bucketRefused = maria.post("/api/cycles/cap-s1/teams/cap-apps/allocations", """
                {"initiativeId": "apps-new", "personWeeks": 34}""");
        positionsAfterRefusals = positionsTaken();

        allocate(lea, "cap-apps", "apps-new", "36", "launch needs everyone");
        allocate(maria, "cap-apps", "apps-ktlo", "0", null);
        allocate(maria, "cap-apps", "apps-ktlo", "6", null);
        String sixtyForty = """
                {"buckets": [{"name": "new", "categories": ["NEW_INITIATIVE"], "share": 60},
                             {"name": "run", "categories": ["KTLO", "TEAM_INITIATIVE"], "share": 40}],
                 "tolerance": 5}""";
        // cap-core follows the cycle's policy with 20 of 40 in run: above 45% of 40 under the new policy.
        positionsBeforePolicyRefused = positionsTaken();
        policyRefused = maria.put("/api/cycles/cap-s1/policy", """
                {"policy": %s, "reason": "more product bets this half"}""".formatted(sixtyForty));
        positionsAfterPolicyRefused = positionsTaken();
        HttpApi.Response changed = maria.replace("/api/cycles/cap-s1/policy", """
                {"policy": %s, "reason": "more product bets this half",
                 "override": {"reason": "core's run work is already under way"}}""".formatted(sixtyForty));
        awaitViews(changed);
    }

    private void propose(String id, String team, String category) {
        maria.write("/api/initiatives", """
                {"id": "%s", "cycleId": "cap-s1", "teamId": "%s", "title": "%s", "category": "%s"}"""
                .formatted(id, team, id, category));
    }

    private void capacity(String team, String personWeeks) {
        maria.replace("/api/cycles/cap-s1/teams/" + team + "/capacity", """
                {"personWeeks": %s, "reason": "headcount plan"}""".formatted(personWeeks));
    }

    private static void allocate(HttpApi as, String team, String initiative, String personWeeks, String override) {
        String overridePart = override == null ? "" : ", \"override\": {\"reason\": \"" + override + "\"}";
        as.write("/api/cycles/cap-s1/teams/" + team + "/allocations", """
                {"initiativeId": "%s", "personWeeks": %s%s}""".formatted(initiative, personWeeks, overridePart));
    }

    private JsonNode capacityView() {
        HttpApi.Response view = api.get("/api/cycles/cap-s1/capacity");
        assertThat(view.status()).as(view.raw()).isEqualTo(200);
        return view.body();
    }

    private static JsonNode team(JsonNode view, String teamId) {
        return StreamSupport.stream(view.get("teams").spliterator(), false)
                            .filter(team -> team.get("teamId").asText().equals(teamId)).findFirst().orElseThrow();
    }

    /** capacity, allocated, remaining, then NEW_INITIATIVE, KTLO, TEAM_INITIATIVE. */
    private static String totals(JsonNode totals) {
        JsonNode byCategory = totals.get("byCategory");
        return totals.get("capacityPersonWeeks").decimalValue().toPlainString() + " "
               + totals.get("allocatedPersonWeeks").decimalValue().toPlainString() + " "
               + totals.get("remainingPersonWeeks").decimalValue().toPlainString() + " | "
               + byCategory.get("NEW_INITIATIVE").decimalValue().toPlainString() + " "
               + byCategory.get("KTLO").decimalValue().toPlainString() + " "
               + byCategory.get("TEAM_INITIATIVE").decimalValue().toPlainString();
    }

    /** name, target ± tolerance, allocated, actual share, flag and withinTolerance of every bucket. */
    private static List<String> buckets(JsonNode totals) {
        List<String> rows = new ArrayList<>();
        for (JsonNode bucket : totals.get("buckets")) {
            rows.add(bucket.get("name").asText() + " " + bucket.get("targetShare").asInt() + "±"
                     + bucket.get("tolerance").asInt() + " "
                     + bucket.get("allocatedPersonWeeks").decimalValue().toPlainString() + " "
                     + bucket.get("actualShare").decimalValue().toPlainString() + "% "
                     + bucket.get("flag").asText() + " " + bucket.get("withinTolerance").asBoolean());
        }
        return rows;
    }

    @Test
    void eachTeamsCapacityAllocationsAndBucketsAreExact() {
        JsonNode view = capacityView();
        List<String> teams = new ArrayList<>();
        view.get("teams").forEach(team -> teams.add(team.get("teamId").asText()));
        assertThat(teams).containsExactly("cap-apps", "cap-core", "cap-data");

        JsonNode core = team(view, "cap-core");
        assertThat(totals(core)).isEqualTo("40 40 0 | 20 12 8");
        assertThat(core.get("policySource").asText()).isEqualTo("CYCLE");
        assertThat(buckets(core)).containsExactly("new 60±5 20 50.00% UNDER false", "run 40±5 20 50.00% OVER false");

        JsonNode apps = team(view, "cap-apps");
        assertThat(totals(apps)).isEqualTo("60 42 18 | 36 6 0");
        assertThat(buckets(apps)).containsExactly("new 60±5 36 60.00% WITHIN true", "run 40±5 6 10.00% UNDER false");

        JsonNode data = team(view, "cap-data");
        assertThat(totals(data)).isEqualTo("100 90 10 | 70 20 0");
        assertThat(data.get("policySource").asText()).isEqualTo("TEAM");
        assertThat(buckets(data)).containsExactly("build 70±0 70 70.00% WITHIN true",
                                                  "keep 30±0 20 20.00% UNDER false");
    }

    @Test
    void theOrganisationSumsPersonWeeksAndRecomputesSharesFromTheSums() {
        JsonNode organisation = capacityView().get("organisation");

        assertThat(totals(organisation)).isEqualTo("200 172 28 | 126 38 8");
        assertThat(buckets(organisation)).containsExactly("new 60±5 126 63.00% WITHIN true",
                                                          "run 40±5 46 23.00% UNDER false");
    }

    @Test
    void theViewShowsWhichPolicyAppliedWhen() {
        JsonNode view = capacityView();

        assertThat(policies(team(view, "cap-core"))).containsExactly(
                "CYCLE new 50 run 50 ±5 by maria: null", "CYCLE new 60 run 40 ±5 by maria: more product bets this half");
        assertThat(policies(team(view, "cap-data"))).containsExactly(
                "CYCLE new 50 run 50 ±5 by maria: null", "TEAM build 70 keep 30 ±0 by maria: migration semester");
        assertThat(view.get("policy").get("buckets").get(0).get("share").asInt()).isEqualTo(60);
    }

    private static List<String> policies(JsonNode team) {
        List<String> rows = new ArrayList<>();
        for (JsonNode change : team.get("policyHistory")) {
            StringBuilder row = new StringBuilder(change.get("source").asText());
            change.get("policy").get("buckets").forEach(bucket -> row.append(' ').append(bucket.get("name").asText())
                                                                     .append(' ').append(bucket.get("share").asInt()));
            row.append(" ±").append(change.get("policy").get("tolerance").asInt()).append(" by ")
               .append(change.get("actor").asText()).append(": ").append(change.get("reason").asText());
            assertThat(change.get("from").asText()).isNotEmpty();
            rows.add(row.toString());
        }
        return rows;
    }

    @Test
    void refusalsSayWhyAndAppendNothing() {
        assertThat(positionsAfterRefusals).isEqualTo(positionsBeforeRefusals);
        assertThat(capacityRefused.status()).isEqualTo(422);
        assertThat(capacityRefused.contentType()).isEqualTo("application/problem+json");
        assertThat(capacityRefused.body().get("detail").asText()).isEqualTo(
                "team cap-core has 40 person-weeks in cycle cap-s1; allocating 21 to core-new would take its "
                + "allocations to 41, 1 over capacity");
        assertThat(bucketRefused.status()).isEqualTo(422);
        assertThat(bucketRefused.body().get("errors").get(0).get("field").asText()).isEqualTo("override.reason");
        assertThat(bucketRefused.body().get("detail").asText()).isEqualTo(
                "bucket 'new' of team cap-apps would hold 34 of 60 person-weeks (56.6667%), above its limit of 33 "
                + "person-weeks (its 50% share plus 5 points of tolerance); to allocate anyway, give override.reason");
    }

    @Test
    void aCyclePolicyThatTakesAFollowingTeamsBucketOverIsRefusedWithoutAReasonAndAppendsNothing() {
        assertThat(positionsAfterPolicyRefused).isEqualTo(positionsBeforePolicyRefused);
        assertThat(policyRefused.status()).as(policyRefused.raw()).isEqualTo(422);
        assertThat(policyRefused.contentType()).isEqualTo("application/problem+json");
        assertThat(policyRefused.body().get("errors").get(0).get("field").asText()).isEqualTo("override.reason");
        assertThat(policyRefused.body().get("detail").asText()).isEqualTo(
                "bucket 'run' of team cap-core would hold 20 of 40 person-weeks (50%), above its limit of 18 "
                + "person-weeks (its 40% share plus 5 points of tolerance); to change the cycle's policy anyway, "
                + "give override.reason (it stands for every team)");
    }

    @Test
    void anOverrideIsListedWithWhoWhyAndTheSharesOfItsTime() {
        JsonNode overrides = team(capacityView(), "cap-apps").get("overrides");

        assertThat(overrides).hasSize(1);
        JsonNode override = overrides.get(0);
        assertThat(override.get("actor").asText()).isEqualTo("lea");
        assertThat(override.get("reason").asText()).isEqualTo("launch needs everyone");
        assertThat(override.get("initiativeId").asText()).isEqualTo("apps-new");
        assertThat(override.get("bucket").asText()).isEqualTo("new");
        assertThat(override.get("targetShare").asInt()).isEqualTo(50);
        assertThat(override.get("tolerance").asInt()).isEqualTo(5);
        assertThat(override.get("resultingShare").decimalValue().toPlainString()).isEqualTo("60");
        assertThat(override.get("at").asText()).isNotEmpty();
        assertThat(override.get("cause").asText()).isEqualTo("ALLOCATION");
    }

    @Test
    void theCyclePolicysOverrideIsListedOnTheTeamItTookOverWithItsCause() {
        JsonNode overrides = team(capacityView(), "cap-core").get("overrides");

        assertThat(overrides).hasSize(1);
        JsonNode override = overrides.get(0);
        assertThat(override.get("actor").asText()).isEqualTo("maria");
        assertThat(override.get("reason").asText()).isEqualTo("core's run work is already under way");
        assertThat(override.get("cause").asText()).isEqualTo("CYCLE_POLICY_CHANGED");
        assertThat(override.get("initiativeId").isNull()).isTrue();
        assertThat(override.get("bucket").asText()).isEqualTo("run");
        assertThat(override.get("targetShare").asInt()).isEqualTo(40);
        assertThat(override.get("resultingShare").decimalValue().toPlainString()).isEqualTo("50");
        // cap-apps stays within the new policy, cap-data has its own.
        assertThat(team(capacityView(), "cap-apps").get("overrides")).hasSize(1);
        assertThat(team(capacityView(), "cap-data").get("overrides")).isEmpty();
    }

    @Test
    void theRoadmapShowsEachInitiativesAllocation() {
        JsonNode items = api.get("/api/cycles/cap-s1/roadmap").body().get("items");
        List<String> allocated = new ArrayList<>();
        items.forEach(item -> allocated.add(item.get("initiativeId").asText() + " "
                                            + item.get("allocatedPersonWeeks").decimalValue().toPlainString()));

        assertThat(allocated).containsExactlyInAnyOrder("apps-ktlo 6", "apps-new 36", "core-ktlo 12", "core-new 20",
                                                        "core-team 8", "data-ktlo 20", "data-new 70");
    }
}
