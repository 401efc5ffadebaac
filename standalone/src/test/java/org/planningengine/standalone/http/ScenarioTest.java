package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.eventlog.testing.Await;
import org.planningengine.events.capacity.CapacityAllocated;
import org.planningengine.events.initiative.InitiativeScored;
import org.planningengine.events.scenario.ScenarioApplied;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What-if scenarios through HTTP: a scenario forked from the plan takes the plan's writes on its own branch, with
 * the plan's rules, and its views show them while the plan's, its decision log and its feed never do; compared with
 * the plan it shows what it changes; applied, its writes become the plan's decisions, naming it.
 */
class ScenarioTest extends HttpTestBase {

    private static final AtomicInteger PLANS = new AtomicInteger();
    /** Where the plan's paths begin; a scenario's begin at /api/scenarios/{id}. */
    private static final String PLAN = "/api";

    /** The log's position of the last scenario forked. */
    private long lastFork;

    private HttpApi lea() {
        return api.as("lea");
    }

    /** The cycle, team and initiatives of the test running: each has a plan of its own. */
    private String CYCLE;
    private String TEAM;
    private String alpha;
    private String beta;
    private String gamma;

    /** A cycle with a team of 20 person-weeks and two scored initiatives, scn-alpha ranked above scn-beta. */
    private void plan() {
        int plan = PLANS.incrementAndGet();
        CYCLE = "scn-c" + plan;
        TEAM = "scn-t" + plan;
        alpha = CYCLE + "-alpha";
        beta = CYCLE + "-beta";
        gamma = CYCLE + "-gamma";
        lea().write("/api/cycles", """
                {"id": "%s", "name": "Scenarios", "startDate": "2043-01-01", "endDate": "2043-06-30"}""".formatted(CYCLE));
        lea().write("/api/teams", "{\"id\": \"" + TEAM + "\", \"name\": \"What-iffers\"}");
        lea().replace("/api/cycles/" + CYCLE + "/teams/" + TEAM + "/capacity", "{\"personWeeks\": 20}");
        for (String name : List.of("alpha", "beta")) {
            lea().write("/api/initiatives", """
                    {"id": "%s-%s", "cycleId": "%s", "teamId": "%s", "title": "%s", "category": "NEW_INITIATIVE"}"""
                    .formatted(CYCLE, name, CYCLE, TEAM, name));
        }
        score(PLAN, alpha, 100);
        HttpApi.Response last = score(PLAN, beta, 50);
        api.get("/api/cycles/" + CYCLE + "/roadmap?consistentWith=" + last.position());
    }

    private HttpApi.Response score(String scenario, String initiative, int reach) {
        return lea().write(scenario + "/initiatives/" + initiative + "/score", """
                {"reach": %d, "impact": 1, "confidence": 1, "effort": 1, "reason": "estimate"}""".formatted(reach));
    }

    private String fork(String id) {
        HttpApi.Response forked = lea().write("/api/cycles/" + CYCLE + "/scenarios",
                                              "{\"id\": \"" + id + "\", \"name\": \"What if " + id + "\"}");
        api.get("/api/scenarios/" + id + "?consistentWith=" + forked.position());
        lastFork = forked.position();
        return "/api/scenarios/" + id;
    }

    private List<String> ranks(String prefix) {
        return ranks(prefix, "");
    }

    private List<String> ranks(String prefix, String query) {
        List<String> ranks = new ArrayList<>();
        api.get(prefix + "/cycles/" + CYCLE + "/roadmap" + query).body().get("items")
           .forEach(item -> ranks.add(item.get("rank").asText() + " " + item.get("initiativeId").asText()));
        return ranks;
    }

    private long decisionsOfThePlan() {
        return api.get("/api/decisions?cycle=" + CYCLE).body().get("total").asLong();
    }

    @Test
    void aScenarioTakesThePlansWritesOnItsBranchAndThePlanNeverSeesThem() {
        plan();
        String scenario = fork("scn-rescore");
        long decisions = decisionsOfThePlan();
        long forkedAt = lastFork;

        score(scenario, beta, 500);
        lea().write(scenario + "/cycles/" + CYCLE + "/teams/" + TEAM + "/allocations",
                    "{\"initiativeId\": \"" + beta + "\", \"personWeeks\": 8}");
        lea().write(scenario + "/initiatives", """
                {"id": "%s", "cycleId": "%s", "teamId": "%s", "title": "gamma", "category": "KTLO"}"""
                .formatted(gamma, CYCLE, TEAM));

        assertThat(ranks(scenario)).startsWith("1 " + beta, "2 " + alpha);
        assertThat(api.get(scenario + "/initiatives/" + gamma).status()).isEqualTo(200);
        assertThat(api.get(scenario + "/cycles/" + CYCLE + "/capacity").body().get("teams").get(0)
                      .get("allocatedPersonWeeks").decimalValue()).isEqualByComparingTo("8");
        assertThat(api.get(scenario + "/decisions?cycle=" + CYCLE).body().get("total").asLong())
                .isEqualTo(decisions + 2);

        // The plan: unchanged in every view, its decision log and its feed.
        HttpApi.Response realWrite = score(PLAN, alpha, 101);
        api.get("/api/cycles/" + CYCLE + "/roadmap?consistentWith=" + realWrite.position());
        assertThat(ranks(PLAN)).containsExactly("1 " + alpha, "2 " + beta);
        assertThat(api.get("/api/initiatives/" + gamma).status()).isEqualTo(404);
        assertThat(api.get("/api/cycles/" + CYCLE + "/capacity").body().get("teams").get(0)
                      .get("allocatedPersonWeeks").decimalValue()).isEqualByComparingTo("0");
        assertThat(decisionsOfThePlan()).isEqualTo(decisions + 1);
        JsonNode feed = api.get("/api/feed?limit=1000&after=" + forkedAt).body();
        assertThat(feed.get("events")).hasSize(1);
        assertThat(feed.get("events").get(0).get("type").asText()).isEqualTo("InitiativeScored");
    }

    /** Every kind of write the plan takes, sent into a scenario: each is taken, and the plan's log takes nothing. */
    @Test
    void everyKindOfWriteGoesToTheScenarioAndNothingToThePlansLog() {
        plan();
        String later = CYCLE + "-later";
        lea().write("/api/cycles", """
                {"id": "%s", "name": "Later", "startDate": "2043-07-01", "endDate": "2043-12-31"}""".formatted(later));
        HttpApi.Response before = score(PLAN, alpha, 100);
        api.get("/api/cycles/" + CYCLE + "/roadmap?consistentWith=" + before.position());
        String s = fork("scn-every-" + CYCLE);
        long taken = positionsTaken();
        long decisions = decisionsOfThePlan();
        String objective = CYCLE + "-fast";
        String other = CYCLE + "-other";
        List<String[]> writes = List.of(
                new String[] {"POST", "/initiatives", """
                        {"id": "%s", "cycleId": "%s", "teamId": "%s", "title": "gamma", "category": "KTLO"}"""
                        .formatted(gamma, CYCLE, TEAM)},
                new String[] {"POST", "/initiatives/" + gamma + "/score",
                              "{\"reach\": 10, \"impact\": 2, \"confidence\": 0.8, \"effort\": 2, \"reason\": \"guess\"}"},
                new String[] {"POST", "/initiatives/" + alpha + "/dependencies", "{\"dependsOn\": \"" + beta + "\"}"},
                new String[] {"POST", "/objectives", """
                        {"id": "%s", "cycleId": "%s", "ownerTeamId": "%s", "title": "Fast"}"""
                        .formatted(objective, CYCLE, TEAM)},
                new String[] {"POST", "/objectives/" + objective + "/key-results", """
                        {"id": "p99", "title": "p99 under 800 ms", "metric": "latency", "unit": "ms",
                         "baseline": 1400, "target": 800}"""},
                new String[] {"POST", "/initiatives/" + alpha + "/key-results", """
                        {"objectiveId": "%s", "keyResultId": "p99"}""".formatted(objective)},
                new String[] {"POST", "/initiatives/" + alpha + "/commit", "{\"reason\": \"first\"}"},
                new String[] {"POST", "/initiatives/" + alpha + "/start", ""},
                new String[] {"POST", "/initiatives/" + gamma + "/defer",
                              "{\"toCycleId\": \"" + later + "\", \"reason\": \"later\"}"},
                new String[] {"POST", "/initiatives/" + beta + "/drop", "{\"reason\": \"no longer\"}"},
                new String[] {"PUT", "/cycles/" + CYCLE + "/teams/" + TEAM + "/capacity", "{\"personWeeks\": 30}"},
                new String[] {"PUT", "/cycles/" + CYCLE + "/teams/" + TEAM + "/policy", """
                        {"policy": {"buckets": [{"name": "new", "categories": ["NEW_INITIATIVE"], "share": 70},
                                                {"name": "run", "categories": ["KTLO", "TEAM_INITIATIVE"], "share": 30}],
                                    "tolerance": 5}, "reason": "a push"}"""},
                new String[] {"POST", "/cycles/" + CYCLE + "/teams/" + TEAM + "/allocations",
                              "{\"initiativeId\": \"" + alpha + "\", \"personWeeks\": 6}"},
                new String[] {"PUT", "/cycles/" + CYCLE + "/policy", """
                        {"policy": {"buckets": [{"name": "new", "categories": ["NEW_INITIATIVE"], "share": 60},
                                                {"name": "run", "categories": ["KTLO", "TEAM_INITIATIVE"], "share": 40}],
                                    "tolerance": 5}, "reason": "more bets"}"""},
                new String[] {"POST", "/objectives/" + objective + "/key-results/p99/check-ins",
                              "{\"value\": 1100, \"confidence\": 0.7}"},
                new String[] {"POST", "/objectives/" + objective + "/reviews",
                              "{\"outcome\": \"KEEP\", \"reason\": \"on track\"}"},
                new String[] {"POST", "/lessons", """
                        {"cycleId": "%s", "subjectId": "%s", "text": "Load-test first."}""".formatted(CYCLE, objective)},
                new String[] {"POST", "/cycles/" + CYCLE + "/commit", "{\"reason\": \"agreed\"}"},
                new String[] {"POST", "/objectives/" + objective + "/grade", "{\"reason\": \"end\"}"},
                new String[] {"POST", "/objectives/" + objective + "/carry-forward", """
                        {"toCycleId": "%s", "newObjectiveId": "%s-2", "reason": "half done"}"""
                        .formatted(later, objective)},
                new String[] {"POST", "/teams", "{\"id\": \"" + other + "\", \"name\": \"Other\"}"},
                new String[] {"POST", "/teams/" + other + "/archive", "{\"reason\": \"merged\"}"},
                new String[] {"POST", "/initiatives/" + alpha + "/complete", ""},
                new String[] {"POST", "/initiatives/" + alpha + "/archive", "{\"reason\": \"tidy\"}"},
                new String[] {"POST", "/initiatives/" + alpha + "/restore", "{\"reason\": \"back\"}"});
        for (String[] write : writes) {
            HttpApi.Response answer = lea().exchange(write[0], s + write[1], write[2]);
            assertThat(answer.status()).as(write[0] + " " + write[1] + ": " + answer.raw()).isIn(200, 201);
        }

        assertThat(positionsTaken()).isEqualTo(taken);
        assertThat(decisionsOfThePlan()).isEqualTo(decisions);
        assertThat(api.get("/api/objectives/" + objective).status()).isEqualTo(404);
        assertThat(api.get(s + "/objectives/" + objective).body().get("status").asText()).isEqualTo("GRADED");
        assertThat(api.get(s + "/cycles/" + CYCLE).body().get("status").asText()).isEqualTo("COMMITTED");
        assertThat(api.get("/api/cycles/" + CYCLE).body().get("status").asText()).isNotEqualTo("COMMITTED");
        assertThat(api.get(s + "/cycles/" + later + "/roadmap").body().get("items").toString()).contains(gamma);
        assertThat(api.get(s + "/teams/" + other).status()).isEqualTo(200);
        assertThat(api.get("/api/teams/" + other).status()).isEqualTo(404);
    }

    @Test
    void aScenarioKeepsThePlansRulesAndRefusalsChangeNothing() {
        plan();
        String scenario = fork("scn-rules");
        HttpApi.Response refused = lea().post(scenario + "/initiatives/" + alpha + "/score", """
                {"reach": 1, "impact": 7, "confidence": 1, "effort": 1}""");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(api.get(scenario + "/decisions?cycle=" + CYCLE).body().get("total").asLong())
                .isEqualTo(decisionsOfThePlan());

        assertThat(lea().post(scenario + "/cycles/" + CYCLE + "/imports", "{}").status()).isEqualTo(404);
        assertThat(lea().post("/api/scenarios/no-such/initiatives/scn-alpha/score", "{}").status())
                .isEqualTo(404);
        HttpApi.Response future = lea().post("/api/cycles/" + CYCLE + "/scenarios",
                                             "{\"id\": \"scn-later\", \"name\": \"Later\", \"from\": \"2099-01-01T00:00:00Z\"}");
        assertThat(future.status()).isEqualTo(422);
        assertThat(api.get("/api/scenarios/scn-later").status()).isEqualTo(404);
        HttpApi.Response before = lea().post("/api/cycles/" + CYCLE + "/scenarios",
                                             "{\"id\": \"scn-early\", \"name\": \"Early\", \"from\": \"2020-01-01T00:00:00Z\"}");
        assertThat(before.status()).isEqualTo(422);
        assertThat(api.as("viewer").post("/api/cycles/" + CYCLE + "/scenarios",
                                         "{\"id\": \"scn-viewer\", \"name\": \"No\"}").status()).isEqualTo(403);
    }

    @Test
    void aComparisonShowsWhatTheScenarioChangesAndApplyingMakesItThePlans() {
        plan();
        String scenario = fork("scn-apply");
        score(scenario, beta, 900);
        lea().write(scenario + "/cycles/" + CYCLE + "/teams/" + TEAM + "/allocations",
                    "{\"initiativeId\": \"" + beta + "\", \"personWeeks\": 5}");

        JsonNode comparison = api.get(scenario + "/compare").body();
        assertThat(comparison.get("against").asText()).isEqualTo("plan");
        assertThat(comparison.get("roadmap").get("rankChanges").toString()).contains(beta);
        assertThat(comparison.get("roadmap").get("scoreChanges").toString()).contains(beta);
        assertThat(comparison.get("teams").toString()).contains(TEAM);

        HttpApi.Response applied = lea().write(scenario + "/apply", "{\"reason\": \"agreed in planning\"}");
        assertThat(applied.body().get("commands").asInt()).isEqualTo(2);
        api.get("/api/scenarios/scn-apply?consistentWith=" + applied.body().get("position").asLong());
        assertThat(ranks(PLAN).get(0)).isEqualTo("1 " + beta);
        JsonNode latest = api.get("/api/decisions?cycle=" + CYCLE + "&size=3").body().get("decisions");
        assertThat(latest.toString()).contains("\"scenarioId\":\"scn-apply\"");
        assertThat(api.get("/api/scenarios/scn-apply").body().get("status").asText()).isEqualTo("APPLIED");
        // One commit holds them all, the scenario's application last: the log's one insert, all or nothing.
        Document commit = database.getCollection(MongoEventLog.EVENTS_COLLECTION)
                                  .find(Filters.eq("keys", "scenario:scn-apply:1")).first();
        assertThat(commit.getList("events", Document.class)).extracting(event -> event.getString("payloadType"))
                .containsExactly(InitiativeScored.class.getName(), CapacityAllocated.class.getName(),
                                 ScenarioApplied.class.getName());
        assertThat(commit.getList("events", Document.class)).allSatisfy(
                event -> assertThat(event.getString("metaData")).contains("\"scenarioId\":\"scn-apply\""));
        assertThat(lea().post(scenario + "/initiatives/" + alpha + "/score", """
                {"reach": 1, "impact": 1, "confidence": 1, "effort": 1}""").status()).isEqualTo(409);
        assertThat(lea().post(scenario + "/apply", "{}").status()).isEqualTo(409);
    }

    @Test
    void aScenarioWhosePlanChangedWhereItChangesItIsRefusedWithTheConflicts() {
        plan();
        String scenario = fork("scn-conflict");
        score(scenario, alpha, 7);
        score(PLAN, alpha, 102);
        HttpApi.Response refused = lea().post(scenario + "/apply", "{}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().get("conflicts").toString()).contains("initiative " + alpha, "InitiativeScored");
        assertThat(api.get("/api/scenarios/scn-conflict").body().get("status").asText()).isEqualTo("OPEN");

        HttpApi.Response discarded = lea().write(scenario + "/discard", "{\"reason\": \"overtaken\"}");
        JsonNode gone = api.get("/api/scenarios/scn-conflict?consistentWith=" + discarded.position()).body();
        assertThat(gone.get("status").asText()).isEqualTo("DISCARDED");
        assertThat(gone.get("closedBecause").asText()).isEqualTo("overtaken");
        assertThat(api.get(scenario + "/cycles/" + CYCLE + "/roadmap").status()).isEqualTo(200);
    }

    @Test
    void aScenarioIsReadAsOfAnyInstantOfItsBranchAndComparedWithAnother() {
        plan();
        String scenario = fork("scn-asof-" + CYCLE);
        String other = fork("scn-other-" + CYCLE);
        Instant beforeItsWrite = Instant.now();
        score(scenario, beta, 500);

        assertThat(ranks(scenario, "?asOf=" + beforeItsWrite)).startsWith("1 " + alpha, "2 " + beta);
        assertThat(ranks(scenario)).startsWith("1 " + beta, "2 " + alpha);
        assertThat(ranks(other)).startsWith("1 " + alpha, "2 " + beta);
        JsonNode comparison = api.get(scenario + "/compare?against=scn-other-" + CYCLE).body();
        assertThat(comparison.get("against").asText()).isEqualTo("scn-other-" + CYCLE);
        assertThat(comparison.get("roadmap").get("rankChanges").toString()).contains(beta, alpha);
        assertThat(api.get(scenario + "/compare?against=no-such").status()).isEqualTo(404);
        assertThat(api.get(scenario + "/compare", "text/csv").raw()).startsWith("change,initiativeId,title,from,to");
        assertThat(api.get(scenario + "/compare", "text/markdown").raw()).contains("Scenario scn-asof-", "Buckets");

        HttpApi.Response renamed = lea().write(scenario + "/rename", "{\"name\": \"Beta first\"}");
        assertThat(api.get(scenario + "?consistentWith=" + renamed.position()).body().get("name").asText())
                .isEqualTo("Beta first");
        assertThat(api.get("/api/scenarios?cycle=" + CYCLE).body().get("scenarios")).hasSize(2);
        assertThat(api.get(scenario + "/feed").status()).isEqualTo(404);
        assertThat(api.get(scenario + "/initiatives/" + beta + "/history").body().get("events").toString())
                .contains("\"reach\":500");
        assertThat(api.get("/api/initiatives/" + beta + "/history").body().get("events").toString())
                .doesNotContain("\"reach\":500");
    }

    /** A replay of the views rebuilds a scenario's as they were: they are its branch over the plan's as of its fork. */
    @Test
    void aReplayRebuildsAScenariosViewsAsTheyWere() {
        plan();
        String scenario = fork("scn-replay-" + CYCLE);
        score(scenario, beta, 500);
        lea().write(scenario + "/cycles/" + CYCLE + "/teams/" + TEAM + "/allocations",
                    "{\"initiativeId\": \"" + beta + "\", \"personWeeks\": 4}");
        HttpApi.Response last = score(PLAN, alpha, 120);
        Instant then = Instant.now();
        api.get("/api/cycles/" + CYCLE + "/roadmap?consistentWith=" + last.position());
        List<String> views = List.of("/cycles/" + CYCLE + "/roadmap?asOf=" + then,
                                     "/cycles/" + CYCLE + "/capacity?asOf=" + then,
                                     "/decisions?cycle=" + CYCLE + "&to=" + then);
        List<String> before = views.stream().map(view -> api.get(scenario + view).raw()).toList();

        assertThat(api.post("/api/admin/projections/replay", null).status()).isEqualTo(202);
        Await.until("the replay to finish", () -> {
            JsonNode plan = StreamSupport.stream(api.get("/api/admin/projections/status").body().get("projections")
                                                    .spliterator(), false)
                                         .filter(p -> p.get("name").asText().equals("plan")).findFirst().orElseThrow();
            return !plan.get("replaying").asBoolean() && plan.get("position").asLong() >= last.position();
        });

        assertThat(views.stream().map(view -> api.get(scenario + view).raw()).toList()).isEqualTo(before);
    }
}
