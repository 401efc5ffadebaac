package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.planningengine.command.metrics.PlanningMetrics;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Archiving and restoring initiatives, objectives, teams and cycles through HTTP: a reason and the right role are
 * needed, archiving again changes nothing, what is live is refused; an archived item takes no write but its restore;
 * the views leave it out unless asked for, its own read answers it flagged, and its history and the decision log keep
 * every event, the archiving among them, with who and why. Nothing is deleted.
 */
class ArchivingTest extends HttpTestBase {

    private static final AtomicInteger PLANS = new AtomicInteger();

    @Autowired
    MeterRegistry meters;

    /** A fresh plan: cycle {@code <key>-c} and a later {@code <key>-d}, team {@code <key>-t} with 10 person-weeks. */
    private record Plan(String key, String cycle, String nextCycle, String team) {

        String initiative(String name) {
            return key + "-" + name;
        }
    }

    private HttpApi lea() {
        return api.as("lea");
    }

    private Plan plan() {
        String key = "arc-" + PLANS.incrementAndGet();
        Plan plan = new Plan(key, key + "-c", key + "-d", key + "-t");
        HttpApi lea = lea();
        lea.write("/api/cycles", """
                {"id": "%s", "name": "Archiving", "startDate": "2041-04-01", "endDate": "2041-09-30"}"""
                .formatted(plan.cycle()));
        lea.write("/api/cycles", """
                {"id": "%s", "name": "Later", "startDate": "2041-10-01", "endDate": "2042-03-31"}"""
                .formatted(plan.nextCycle()));
        lea.write("/api/teams", "{\"id\": \"" + plan.team() + "\", \"name\": \"Archivists\"}");
        lea.replace("/api/cycles/" + plan.cycle() + "/teams/" + plan.team() + "/capacity", "{\"personWeeks\": 10}");
        return plan;
    }

    private HttpApi.Response propose(Plan plan, String name, int reach) {
        lea().write("/api/initiatives", """
                {"id": "%s", "cycleId": "%s", "teamId": "%s", "title": "%s", "category": "KTLO"}"""
                .formatted(plan.initiative(name), plan.cycle(), plan.team(), name));
        return lea().write("/api/initiatives/" + plan.initiative(name) + "/score", """
                {"reach": %d, "impact": 1, "confidence": 1, "effort": 1, "reason": "estimate"}""".formatted(reach));
    }

    private static String reason(String why) {
        return "{\"reason\": \"" + why + "\"}";
    }

    private static void assertProblem(HttpApi.Response response, int status, String type, String detail) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body().get("type").asText()).isEqualTo("urn:planning-engine:problem:" + type);
        assertThat(response.body().get("detail").asText()).contains(detail);
    }

    /** rank and id of each item, with a mark on those archived. */
    private List<String> roadmap(Plan plan, String query) {
        List<String> items = new ArrayList<>();
        api.get("/api/cycles/" + plan.cycle() + "/roadmap" + query).body().get("items").forEach(
                item -> items.add((item.get("rank").isNull() ? "-" : item.get("rank").asText()) + " "
                                  + item.get("initiativeId").asText()
                                  + (item.get("archived").asBoolean() ? " (archived)" : "")));
        return items;
    }

    private static List<String> ids(JsonNode list, String idField) {
        return StreamSupport.stream(list.spliterator(), false).map(item -> item.get(idField).asText()).toList();
    }

    /** type by actor (reason) before -> after, of each entry of a history. */
    private static List<String> history(JsonNode history) {
        List<String> entries = new ArrayList<>();
        history.get("events").forEach(entry -> entries.add(
                entry.get("type").asText() + " by " + entry.get("actor").asText() + " (" + entry.get("reason").asText()
                + ") " + entry.get("before") + " -> " + entry.get("after")));
        return entries;
    }

    @Test
    void anArchivedInitiativeLeavesTheRoadmapUnlessAskedForAndIsStillReadHistoryAndDecision() {
        Plan plan = plan();
        propose(plan, "keep", 100);
        awaitViews(propose(plan, "idea", 500));
        String before = api.get("/api/cycles/" + plan.cycle()).body().get("asOf").asText();
        lea().write("/api/cycles/" + plan.cycle() + "/teams/" + plan.team() + "/allocations",
                    "{\"initiativeId\": \"" + plan.initiative("idea") + "\", \"personWeeks\": 3}");

        HttpApi.Response archived = lea().write("/api/initiatives/" + plan.initiative("idea") + "/archive",
                                                reason("nobody took it up"));
        awaitViews(archived);

        assertThat(archived.status()).isEqualTo(200);
        assertThat(archived.body().get("id").asText()).isEqualTo(plan.initiative("idea"));
        assertThat(roadmap(plan, "")).containsExactly("1 " + plan.initiative("keep"));
        assertThat(roadmap(plan, "?archived=include"))
                .containsExactly("1 " + plan.initiative("keep"), "- " + plan.initiative("idea") + " (archived)");
        assertThat(roadmap(plan, "?archived=only")).containsExactly("- " + plan.initiative("idea") + " (archived)");
        assertThat(roadmap(plan, "?asOf=" + before)).containsExactly("1 " + plan.initiative("idea"),
                                                                    "2 " + plan.initiative("keep"));
        JsonNode item = api.get("/api/initiatives/" + plan.initiative("idea")).body();
        assertThat(item.get("archived").asBoolean()).isTrue();
        assertThat(item.get("status").asText()).isEqualTo("PROPOSED");
        assertThat(item.get("allocatedPersonWeeks").decimalValue()).as("given back as it was archived")
                                                                  .isEqualByComparingTo("0");
        assertThat(api.get("/api/initiatives/" + plan.initiative("idea") + "?asOf=" + before).body()
                      .get("archived").asBoolean()).isFalse();

        List<String> history = history(api.get("/api/initiatives/" + plan.initiative("idea") + "/history").body());
        assertThat(history).extracting(entry -> entry.substring(0, entry.indexOf(')') + 1)).containsExactly(
                "InitiativeProposed by lea (null)", "InitiativeScored by lea (estimate)",
                "CapacityAllocated by lea (null)",
                "CapacityAllocated by lea (initiative " + plan.initiative("idea") + " was archived: nobody took it up)",
                "InitiativeArchived by lea (nobody took it up)");
        assertThat(history.get(3)).endsWith("{\"cycleId\":\"" + plan.cycle() + "\",\"teamId\":\"" + plan.team()
                                            + "\",\"personWeeks\":3} -> {\"cycleId\":\"" + plan.cycle()
                                            + "\",\"teamId\":\"" + plan.team() + "\",\"personWeeks\":0}");
        assertThat(history.get(4)).endsWith("{\"archived\":false} -> {\"archived\":true}");
        awaitAllViews();
        JsonNode decisions = api.get("/api/decisions?cycle=" + plan.cycle() + "&type=InitiativeArchived").body();
        assertThat(decisions.get("total").asInt()).isEqualTo(1);
        JsonNode decision = decisions.get("decisions").get(0);
        assertThat(decision.get("subjectId").asText()).isEqualTo(plan.initiative("idea"));
        assertThat(decision.get("actor").asText()).isEqualTo("lea");
        assertThat(decision.get("reason").asText()).isEqualTo("nobody took it up");
        assertThat(decision.get("values").toString()).isEqualTo("{\"status\":\"PROPOSED\"}");
        assertThat(api.get("/api/cycles/" + plan.cycle() + "/capacity").body().get("teams").get(0)
                      .get("allocatedPersonWeeks").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void archivingAgainAppendsNothingAndARestoreBringsItBackAsItWas() {
        Plan plan = plan();
        propose(plan, "keep", 100);
        propose(plan, "idea", 500);
        HttpApi.Response archived = lea().write("/api/initiatives/" + plan.initiative("idea") + "/archive",
                                                reason("nobody took it up"));
        long taken = positionsTaken();

        HttpApi.Response again = lea().write("/api/initiatives/" + plan.initiative("idea") + "/archive",
                                             reason("still nobody"));

        assertThat(again.body().get("version").asLong()).isEqualTo(archived.body().get("version").asLong());
        assertThat(again.body().get("consistencyToken").asText())
                .isEqualTo(archived.body().get("consistencyToken").asText());
        assertThat(positionsTaken()).as("nothing appended").isEqualTo(taken);

        HttpApi.Response restored = lea().write("/api/initiatives/" + plan.initiative("idea") + "/restore",
                                                reason("archived by mistake"));
        awaitViews(restored);

        assertThat(restored.body().get("version").asLong()).isEqualTo(archived.body().get("version").asLong() + 1);
        assertThat(roadmap(plan, "")).containsExactly("1 " + plan.initiative("idea"), "2 " + plan.initiative("keep"));
        assertThat(history(api.get("/api/initiatives/" + plan.initiative("idea") + "/history").body()))
                .endsWith("InitiativeArchived by lea (nobody took it up) {\"archived\":false} -> {\"archived\":true}",
                          "InitiativeRestored by lea (archived by mistake) {\"archived\":true} -> "
                          + "{\"archived\":false}");
        long restoredAgain = positionsTaken();
        assertThat(lea().write("/api/initiatives/" + plan.initiative("idea") + "/restore", reason("again"))
                        .body().get("version").asLong()).isEqualTo(restored.body().get("version").asLong());
        assertThat(positionsTaken()).isEqualTo(restoredAgain);
        lea().write("/api/initiatives/" + plan.initiative("idea") + "/commit", "{}");
    }

    @Test
    void whatIsLiveOrArchivedIsRefusedAndAReasonAndABodyAreNeeded() {
        Plan plan = plan();
        propose(plan, "idea", 500);
        propose(plan, "live", 100);
        lea().write("/api/initiatives/" + plan.initiative("live") + "/commit", "{}");
        String idea = "/api/initiatives/" + plan.initiative("idea");
        lea().write(idea + "/archive", reason("nobody took it up"));
        long taken = positionsTaken();

        assertProblem(lea().post("/api/initiatives/" + plan.initiative("live") + "/archive", reason("tidy")), 409,
                      "state-conflict", "is COMMITTED; only an initiative that is [PROPOSED, DONE, DROPPED] can be "
                                        + "archived: drop or complete it first");
        assertProblem(lea().post(idea + "/score", """
                {"reach": 1, "impact": 1, "confidence": 1, "effort": 1, "reason": "again"}"""), 409,
                      "state-conflict", "initiative " + plan.initiative("idea") + " is archived; restore it first");
        assertProblem(lea().post(idea + "/commit", "{}"), 409, "state-conflict", "is archived; restore it first");
        assertProblem(lea().post("/api/cycles/" + plan.cycle() + "/teams/" + plan.team() + "/allocations",
                                 "{\"initiativeId\": \"" + plan.initiative("idea") + "\", \"personWeeks\": 1}"), 409,
                      "state-conflict", "is archived; capacity goes only to work still to do");
        assertProblem(lea().post(idea + "/restore", "{}"), 422, "rule-violated", "reason is required");
        assertProblem(lea().post(idea + "/restore", null), 400, "malformed-request", "");
        assertProblem(lea().post(idea + "/archive", "{\"reason\": \"x\", \"why\": \"y\"}"), 400,
                      "malformed-request", "why");
        assertThat(positionsTaken()).as("nothing appended").isEqualTo(taken);
    }

    @Test
    void unknownItemsAreNotFoundAndTheRolesAreAsForTheirOtherDecisions() {
        Plan plan = plan();
        propose(plan, "idea", 500);
        long taken = positionsTaken();

        for (String path : List.of("/api/initiatives/arc-nothing/archive", "/api/objectives/arc-nothing/archive",
                                   "/api/teams/arc-nothing/archive", "/api/cycles/arc-nothing/archive",
                                   "/api/cycles/arc-nothing/restore")) {
            assertProblem(lea().post(path, reason("tidy")), 404, "unknown-reference", "arc-nothing does not exist");
        }
        assertProblem(api.as("contributor").post("/api/initiatives/" + plan.initiative("idea") + "/archive",
                                                 reason("tidy")), 403, "forbidden",
                      "that needs LEAD:" + plan.team() + " or the role PLANNER");
        assertProblem(api.as("lead").post("/api/initiatives/" + plan.initiative("idea") + "/archive", reason("tidy")),
                      403, "forbidden", "that needs LEAD:" + plan.team() + " or the role PLANNER");
        assertProblem(api.as("lead").post("/api/teams/" + plan.team() + "/archive", reason("tidy")), 403,
                      "forbidden", "PLANNER");
        assertProblem(api.as("viewer").post("/api/cycles/" + plan.cycle() + "/archive", reason("tidy")), 403,
                      "forbidden", "PLANNER");
        assertProblem(api.anonymous().post("/api/cycles/" + plan.cycle() + "/restore", reason("tidy")), 401,
                      "unauthenticated", "");
        assertThat(positionsTaken()).as("nothing appended").isEqualTo(taken);
    }

    @Test
    void anArchivedTeamLeavesTheListsTakesNoNewWorkAndKeepsItsHistory() {
        Plan plan = plan();
        propose(plan, "done", 100);
        lea().write("/api/initiatives/" + plan.initiative("done") + "/commit", "{}");
        lea().write("/api/initiatives/" + plan.initiative("done") + "/start", "{}");
        awaitViews(lea().write("/api/teams/" + plan.team() + "/archive", reason("disbanded")));

        assertThat(ids(api.get("/api/teams").body().get("teams"), "id")).doesNotContain(plan.team());
        assertThat(ids(api.get("/api/teams?archived=include").body().get("teams"), "id")).contains(plan.team());
        JsonNode onlyArchived = api.get("/api/teams?archived=only").body().get("teams");
        assertThat(ids(onlyArchived, "id")).contains(plan.team());
        onlyArchived.forEach(archived -> assertThat(archived.get("archived").asBoolean()).isTrue());
        JsonNode team = api.get("/api/teams/" + plan.team()).body();
        assertThat(team.get("archived").asBoolean()).isTrue();
        assertThat(api.get("/api/cycles/" + plan.cycle() + "/capacity").body().get("teams")).isEmpty();
        JsonNode included = api.get("/api/cycles/" + plan.cycle() + "/capacity?archived=include").body();
        assertThat(included.get("teams").get(0).get("archived").asBoolean()).isTrue();
        assertThat(included.get("organisation").get("capacityPersonWeeks").decimalValue())
                .isEqualByComparingTo("10");

        assertProblem(lea().post("/api/initiatives", """
                {"cycleId": "%s", "teamId": "%s", "title": "New work", "category": "KTLO"}"""
                .formatted(plan.cycle(), plan.team())), 409, "state-conflict",
                      "team " + plan.team() + " is archived; it takes no new work (restore it first)");
        assertProblem(lea().put("/api/cycles/" + plan.cycle() + "/teams/" + plan.team() + "/capacity",
                                "{\"personWeeks\": 12}"), 409, "state-conflict", "is archived; it takes no new work");
        lea().write("/api/initiatives/" + plan.initiative("done") + "/complete", reason("finished before the end"));

        lea().write("/api/teams/" + plan.team() + "/restore", reason("back together"));
        assertThat(history(api.get("/api/teams/" + plan.team() + "/history").body())).containsExactly(
                "TeamRegistered by lea (null) null -> {\"name\":\"Archivists\",\"parentId\":null}",
                "TeamArchived by lea (disbanded) {\"archived\":false} -> {\"archived\":true}",
                "TeamRestored by lea (back together) {\"archived\":true} -> {\"archived\":false}");
        awaitAllViews(); // the decision log is a view: read once it reflects the restore
        JsonNode decisions = api.get("/api/decisions?type=TeamArchived,TeamRestored&actor=lea").body();
        assertThat(StreamSupport.stream(decisions.get("decisions").spliterator(), false)
                                .filter(decision -> decision.get("subjectId").asText().equals(plan.team()))
                                .map(decision -> decision.get("type").asText() + " " + decision.get("cycleId"))
                                .toList()).containsExactly("TeamRestored null", "TeamArchived null");
        assertProblem(api.get("/api/teams/arc-nothing/history"), 404, "unknown-reference", "does not exist");
    }

    @Test
    void anArchivedCycleLeavesTheListTakesNoNewWorkAndACommittedOneIsRefused() {
        Plan plan = plan();
        HttpApi.Response archived = lea().write("/api/cycles/" + plan.nextCycle() + "/archive",
                                                reason("started by mistake"));
        awaitViews(archived);

        assertThat(ids(api.get("/api/cycles").body().get("cycles"), "id")).contains(plan.cycle())
                                                                           .doesNotContain(plan.nextCycle());
        assertThat(ids(api.get("/api/cycles?archived=include").body().get("cycles"), "id"))
                .contains(plan.cycle(), plan.nextCycle());
        JsonNode cycle = api.get("/api/cycles/" + plan.nextCycle()).body();
        assertThat(cycle.get("archived").asBoolean()).isTrue();
        assertThat(cycle.get("status").asText()).isEqualTo("PLANNING");
        assertThat(api.get("/api/cycles/" + plan.nextCycle() + "/roadmap").status()).isEqualTo(200);
        assertThat(api.get("/api/cycles?archived=whatever").status()).isEqualTo(400);
        assertProblem(lea().post("/api/initiatives", """
                {"cycleId": "%s", "teamId": "%s", "title": "New work", "category": "KTLO"}"""
                .formatted(plan.nextCycle(), plan.team())), 409, "state-conflict",
                      "cycle " + plan.nextCycle() + " is archived; it takes no new work (restore it first)");
        assertProblem(lea().post("/api/cycles/" + plan.nextCycle() + "/commit", "{}"), 409, "state-conflict",
                      "is archived; restore it first");

        lea().write("/api/cycles/" + plan.cycle() + "/commit", "{}");
        assertProblem(lea().post("/api/cycles/" + plan.cycle() + "/archive", reason("tidy")), 409, "state-conflict",
                      "is COMMITTED; only a cycle in PLANNING or CLOSED can be archived: close it first");
        lea().write("/api/cycles/" + plan.cycle() + "/close", "{}");
        lea().write("/api/cycles/" + plan.cycle() + "/archive", reason("a year ago"));

        assertThat(history(api.get("/api/cycles/" + plan.cycle() + "/history").body()))
                .extracting(entry -> entry.substring(0, entry.indexOf(" by ")))
                .containsExactly("CycleStarted", "PlanCommitted", "CycleClosed", "CycleArchived");
        List<String> history = history(api.get("/api/cycles/" + plan.cycle() + "/history").body());
        assertThat(history.get(0)).startsWith("CycleStarted by lea (null) null -> {\"name\":\"Archiving\","
                                              + "\"startDate\":\"2041-04-01\",\"endDate\":\"2041-09-30\","
                                              + "\"status\":\"PLANNING\",\"policy\":{");
        assertThat(history.subList(1, 4)).containsExactly(
                "PlanCommitted by lea (null) {\"status\":\"PLANNING\"} -> {\"status\":\"COMMITTED\"}",
                "CycleClosed by lea (null) {\"status\":\"COMMITTED\"} -> {\"status\":\"CLOSED\"}",
                "CycleArchived by lea (a year ago) {\"archived\":false} -> {\"archived\":true}");
        awaitAllViews();
        assertThat(api.get("/api/decisions?cycle=" + plan.cycle() + "&type=CycleArchived").body().get("total")
                      .asInt()).isEqualTo(1);
    }

    @Test
    void anArchivedObjectiveLeavesTheOkrsAndIsStillRead() {
        Plan plan = plan();
        String objective = plan.key() + "-o";
        lea().write("/api/objectives", """
                {"id": "%s", "cycleId": "%s", "ownerTeamId": "%s", "title": "A goal"}"""
                .formatted(objective, plan.cycle(), plan.team()));
        assertProblem(lea().post("/api/objectives/" + objective + "/archive", reason("tidy")), 409, "state-conflict",
                      "is ACTIVE in cycle " + plan.cycle() + ", which is PLANNING; only a retired or graded "
                      + "objective, or one of a closed or archived cycle, can be archived");
        lea().write("/api/objectives/" + objective + "/reviews", """
                {"outcome": "RETIRE", "reason": "not a goal after all"}""");
        awaitViews(lea().write("/api/objectives/" + objective + "/archive", reason("retired for good")));

        assertThat(ids(api.get("/api/cycles/" + plan.cycle() + "/okrs").body().get("objectives"), "objectiveId"))
                .isEmpty();
        JsonNode included = api.get("/api/cycles/" + plan.cycle() + "/okrs?archived=include").body();
        assertThat(ids(included.get("objectives"), "objectiveId")).containsExactly(objective);
        assertThat(included.get("objectives").get(0).get("archived").asBoolean()).isTrue();
        JsonNode single = api.get("/api/objectives/" + objective).body();
        assertThat(single.get("archived").asBoolean()).isTrue();
        assertThat(single.get("status").asText()).isEqualTo("RETIRED");
        assertThat(history(api.get("/api/objectives/" + objective + "/history").body()))
                .last().isEqualTo("ObjectiveArchived by lea (retired for good) {\"archived\":false} -> "
                                  + "{\"archived\":true}");
        assertProblem(lea().post("/api/objectives/" + objective + "/reviews", """
                {"outcome": "KEEP", "reason": "fine"}"""), 409, "state-conflict", "is archived; restore it first");
    }

    private double archivings() {
        Counter counter = meters.find(PlanningMetrics.DECISIONS).tags("type", "InitiativeArchived").counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void exportsFollowTheViewsAndTheDecisionsAreCounted() {
        Plan plan = plan();
        propose(plan, "keep", 100);
        propose(plan, "idea", 500);
        double counted = archivings();
        awaitViews(lea().write("/api/initiatives/" + plan.initiative("idea") + "/archive", reason("no")));
        lea().write("/api/initiatives/" + plan.initiative("idea") + "/archive", reason("no, again"));

        String csv = api.get("/api/cycles/" + plan.cycle() + "/roadmap", "text/csv").raw();
        String included = api.get("/api/cycles/" + plan.cycle() + "/roadmap?archived=include", "text/csv").raw();

        assertThat(csv.lines().toList()).hasSize(2);
        assertThat(csv.lines().findFirst().orElseThrow()).endsWith(",dependencyRisks,archived");
        assertThat(csv).contains(plan.initiative("keep")).doesNotContain(plan.initiative("idea"));
        assertThat(included.lines().toList()).hasSize(3).last().asString()
                .startsWith("," + plan.initiative("idea") + ",idea,").endsWith(",true");
        assertThat(archivings()).as("archived once, then nothing appended").isEqualTo(counted + 1);
    }
}
