package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.initiative.InitiativeScored;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A semester planned through HTTP: a cycle, three teams, ten initiatives proposed and scored (and one left
 * unscored), two re-scored, one dropped, one deferred, some committed and under way, with dependencies; then the
 * roadmap, ranked exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoadmapScenarioTest extends HttpTestBase {

    @Autowired
    EventStore eventStore;

    private HttpApi maria;
    private String portalId;
    private HttpApi.Response lastWrite;

    @BeforeAll
    void planTheSemester() {
        client();
        maria = api.as("maria");
        HttpApi.Response cycle = maria.write("/api/cycles", """
                {"id": "2027-s1", "name": "2027 first semester", "startDate": "2027-04-01", "endDate": "2027-09-30"}""");
        assertThat(cycle.status()).isEqualTo(201);
        assertThat(cycle.body().get("version").asLong()).isZero();
        maria.write("/api/cycles", """
                {"id": "2027-s2", "name": "2027 second semester", "startDate": "2027-10-01", "endDate": "2028-03-31",
                 "policy": {"buckets": [{"name": "new", "categories": ["NEW_INITIATIVE"], "share": 60},
                                        {"name": "run", "categories": ["KTLO", "TEAM_INITIATIVE"], "share": 40}],
                            "tolerance": 10}}""");

        maria.write("/api/teams", """
                {"id": "platform", "name": "Platform"}""");
        maria.write("/api/teams", """
                {"id": "payments", "name": "Payments", "parentId": "platform"}""");
        maria.write("/api/teams", """
                {"id": "search", "name": "Search", "parentId": "platform"}""");

        propose("checkout-redesign", "payments", "NEW_INITIATIVE", "Checkout redesign");
        propose("fraud-rules", "payments", "NEW_INITIATIVE", "Fraud rules engine");
        propose("payouts", "payments", "KTLO", "Payout reconciliation");
        propose("search-relevance", "search", "NEW_INITIATIVE", "Search relevance");
        propose("index-upgrade", "search", "KTLO", "Index upgrade");
        propose("autocomplete", "search", "NEW_INITIATIVE", "Query autocomplete");
        propose("ci-speedup", "platform", "TEAM_INITIATIVE", "CI speed-up");
        propose("k8s-upgrade", "platform", "KTLO", "Kubernetes upgrade");
        propose("observability", "platform", "TEAM_INITIATIVE", "Observability stack");
        propose("ab-testing", "search", "TEAM_INITIATIVE", "A/B test framework");
        HttpApi.Response portal = maria.write("/api/initiatives", """
                {"cycleId": "2027-s1", "teamId": "platform", "title": "Developer portal", "category": "NEW_INITIATIVE"}""");
        portalId = portal.body().get("id").asText();

        score("checkout-redesign", "2000", "2", "0.8", "8");    // 400
        score("fraud-rules", "1000", "3", "0.5", "6");          // 250
        score("payouts", "300", "1", "1", "3");                 // 100
        score("search-relevance", "5000", "1", "0.8", "10");    // 400
        score("index-upgrade", "800", "0.5", "1", "4");         // 100
        score("autocomplete", "1200", "2", "0.5", "5");         // 240
        score("ci-speedup", "150", "2", "1", "2");              // 150
        score("k8s-upgrade", "400", "0.25", "1", "1");          // 100
        score("observability", "600", "1", "0.8", "4");         // 120
        score(portalId, "1000", "1", "0.7", "3");               // 233.333…

        score("fraud-rules", "1000", "3", "0.8", "6");          // re-scored up to 400
        score("checkout-redesign", "2000", "2", "0.5", "8");    // re-scored down to 250

        depend("search-relevance", "index-upgrade");
        depend("checkout-redesign", "payouts");
        depend("fraud-rules", "autocomplete");
        depend("observability", "k8s-upgrade");

        for (String id : List.of("fraud-rules", "search-relevance", "checkout-redesign", "ci-speedup",
                                 "observability")) {
            maria.write("/api/initiatives/" + id + "/commit", null);
        }
        maria.write("/api/initiatives/ci-speedup/start", """
                {"reason": "kick-off done"}""");
        maria.write("/api/initiatives/observability/start", null);
        maria.write("/api/initiatives/observability/complete", null);
        for (String[] objective : new String[][]{{"reliable-payouts", "mismatches"},
                                                 {"faster-experiments", "time-to-result"}}) {
            maria.write("/api/objectives", """
                    {"id": "%s", "cycleId": "2027-s1", "title": "%s"}""".formatted(objective[0], objective[0]));
            maria.write("/api/objectives/" + objective[0] + "/key-results", """
                    {"id": "%s", "title": "%s", "metric": "count", "unit": "#", "baseline": 10, "target": 0}"""
                    .formatted(objective[1], objective[1]));
        }
        maria.write("/api/initiatives/index-upgrade/drop", """
                {"reason": "the vendor upgrades the index for us"}""");
        lastWrite = maria.write("/api/initiatives/autocomplete/defer", """
                {"toCycleId": "2027-s2", "reason": "needs the relevance work first"}""");
        awaitViews(lastWrite);
    }

    private void propose(String id, String team, String category, String title) {
        HttpApi.Response proposed = maria.write("/api/initiatives", """
                {"id": "%s", "cycleId": "2027-s1", "teamId": "%s", "title": "%s", "category": "%s"}"""
                .formatted(id, team, title, category));
        assertThat(proposed.status()).isEqualTo(201);
        assertThat(proposed.body().get("id").asText()).isEqualTo(id);
    }

    private void score(String id, String reach, String impact, String confidence, String effort) {
        maria.write("/api/initiatives/" + id + "/score", """
                {"reach": %s, "impact": %s, "confidence": %s, "effort": %s, "reason": "planning workshop"}"""
                .formatted(reach, impact, confidence, effort));
    }

    private void depend(String id, String dependsOn) {
        maria.write("/api/initiatives/" + id + "/dependencies", """
                {"dependsOn": "%s"}""".formatted(dependsOn));
    }

    private JsonNode roadmap(String query) {
        HttpApi.Response roadmap = api.get("/api/cycles/" + query);
        assertThat(roadmap.status()).as(roadmap.raw()).isEqualTo(200);
        return roadmap.body();
    }

    /** rank, id, status and score (2 decimals) of every item, in order. */
    private static List<String> rows(JsonNode roadmap) {
        List<String> rows = new ArrayList<>();
        for (JsonNode item : roadmap.get("items")) {
            JsonNode rice = item.get("rice");
            rows.add(item.get("rank").asText() + " " + item.get("initiativeId").asText() + " "
                     + item.get("status").asText() + " "
                     + (rice.isNull() ? "unscored" : rice.get("score").decimalValue().toPlainString()));
        }
        return rows;
    }

    @Test
    void theRoadmapIsRankedByExactScoreThenTitleWithUnscoredLastAndDroppedUnranked() {
        assertThat(rows(roadmap("2027-s1/roadmap"))).containsExactly(
                "1 fraud-rules COMMITTED 400.00",
                "2 search-relevance COMMITTED 400.00",
                "3 checkout-redesign COMMITTED 250.00",
                "4 " + portalId + " PROPOSED 233.33",
                "5 ci-speedup IN_PROGRESS 150.00",
                "6 observability DONE 120.00",
                "7 k8s-upgrade PROPOSED 100.00",
                "8 payouts PROPOSED 100.00",
                "9 ab-testing PROPOSED unscored",
                "null index-upgrade DROPPED 100.00");
    }

    @Test
    void anItemShowsItsTeamCategoryExactInputsAndLinks() {
        maria.write("/api/initiatives/payouts/key-results", """
                {"objectiveId": "reliable-payouts", "keyResultId": "mismatches"}""");
        HttpApi.Response again = maria.write("/api/initiatives/payouts/key-results", """
                {"objectiveId": "reliable-payouts", "keyResultId": "mismatches"}""");
        awaitViews(again);

        JsonNode payouts = item(roadmap("2027-s1/roadmap"), "payouts");

        assertThat(payouts.get("title").asText()).isEqualTo("Payout reconciliation");
        assertThat(payouts.get("teamId").asText()).isEqualTo("payments");
        assertThat(payouts.get("category").asText()).isEqualTo("KTLO");
        assertThat(payouts.get("rice").toString())
                .isEqualTo("{\"reach\":300,\"impact\":1,\"confidence\":1,\"effort\":3,\"score\":100.00}");
        assertThat(payouts.get("allocatedPersonWeeks").asInt()).isZero();
        assertThat(payouts.get("keyResults").toString())
                .isEqualTo("[{\"objectiveId\":\"reliable-payouts\",\"keyResultId\":\"mismatches\"}]");
    }

    @Test
    void dependenciesDroppedDeferredOrNotCommittedAreRisksUnlessTheWorkIsDone() {
        JsonNode roadmap = roadmap("2027-s1/roadmap");

        assertThat(item(roadmap, "search-relevance").get("dependencyRisks").toString())
                .isEqualTo("[{\"dependsOn\":\"index-upgrade\",\"reason\":\"dropped\"}]");
        assertThat(item(roadmap, "checkout-redesign").get("dependencyRisks").toString())
                .isEqualTo("[{\"dependsOn\":\"payouts\",\"reason\":\"not committed\"}]");
        assertThat(item(roadmap, "fraud-rules").get("dependencyRisks").toString())
                .isEqualTo("[{\"dependsOn\":\"autocomplete\",\"reason\":\"deferred to a later cycle: 2027-s2\"}]");
        assertThat(item(roadmap, "observability").get("dependencyRisks")).isEmpty();
    }

    @Test
    void aDeferredInitiativeLeavesItsCycleAndEntersTheNextWithItsScore() {
        assertThat(rows(roadmap("2027-s1/roadmap"))).noneMatch(row -> row.contains("autocomplete"));
        assertThat(rows(roadmap("2027-s2/roadmap"))).containsExactly("1 autocomplete PROPOSED 240.00");
    }

    @Test
    void filtersByTeamCategoryAndStatusKeepingTheCycleRank() {
        assertThat(rows(roadmap("2027-s1/roadmap?team=payments"))).containsExactly(
                "1 fraud-rules COMMITTED 400.00", "3 checkout-redesign COMMITTED 250.00", "8 payouts PROPOSED 100.00");
        assertThat(rows(roadmap("2027-s1/roadmap?category=KTLO"))).containsExactly(
                "7 k8s-upgrade PROPOSED 100.00", "8 payouts PROPOSED 100.00", "null index-upgrade DROPPED 100.00");
        assertThat(rows(roadmap("2027-s1/roadmap?status=IN_PROGRESS,DONE&team=platform"))).containsExactly(
                "5 ci-speedup IN_PROGRESS 150.00", "6 observability DONE 120.00");
    }

    @Test
    void cyclesShowStatusDatesAndPolicyEarliestFirst() {
        JsonNode cycles = api.get("/api/cycles").body();
        List<String> ids = new ArrayList<>();
        cycles.get("cycles").forEach(cycle -> ids.add(cycle.get("id").asText()));
        assertThat(ids).containsSubsequence("2027-s1", "2027-s2");
        assertThat(cycles.get("asOf").asText()).isNotEmpty();

        JsonNode second = api.get("/api/cycles/2027-s2").body();
        assertThat(second.get("name").asText()).isEqualTo("2027 second semester");
        assertThat(second.get("startDate").asText()).isEqualTo("2027-10-01");
        assertThat(second.get("endDate").asText()).isEqualTo("2028-03-31");
        assertThat(second.get("status").asText()).isEqualTo("PLANNING");
        assertThat(second.get("policy").toString()).isEqualTo(
                "{\"buckets\":[{\"name\":\"new\",\"categories\":[\"NEW_INITIATIVE\"],\"share\":60},"
                + "{\"name\":\"run\",\"categories\":[\"KTLO\",\"TEAM_INITIATIVE\"],\"share\":40}],"
                + "\"tolerance\":10}");
        assertThat(second.get("lastEventAt").asText()).isNotEmpty();
        assertThat(api.get("/api/cycles/2027-s1").body().get("policy").get("tolerance").asInt()).isEqualTo(5);
    }

    @Test
    void committingAndClosingACycleShowsInItsStatus() {
        maria.write("/api/cycles", """
                {"id": "2026-s2", "name": "Last semester", "startDate": "2026-10-01", "endDate": "2027-03-31"}""");
        HttpApi.Response committed = maria.write("/api/cycles/2026-s2/commit", """
                {"reason": "plan agreed"}""");
        assertThat(committed.body().get("version").asLong()).isEqualTo(1);
        awaitViews(committed);
        assertThat(api.get("/api/cycles/2026-s2").body().get("status").asText()).isEqualTo("COMMITTED");

        HttpApi.Response closed = maria.write("/api/cycles/2026-s2/close", null);
        awaitViews(closed);
        assertThat(api.get("/api/cycles/2026-s2").body().get("status").asText()).isEqualTo("CLOSED");
    }

    @Test
    void everyWriteAnswersTheVersionItLeftAndItsEventsSayWhoAndWhy() {
        assertThat(portalId).matches("developer-portal-[a-z0-9]{6}");

        maria.write("/api/cycles", """
                {"id": "2028-s1", "name": "2028 first semester", "startDate": "2028-04-01", "endDate": "2028-09-30"}""");
        maria.write("/api/initiatives", """
                {"id": "runbooks", "cycleId": "2028-s1", "teamId": "platform", "title": "Runbooks", "category": "KTLO"}""");
        HttpApi.Response scored = maria.write("/api/initiatives/runbooks/score", """
                {"reach": 40, "impact": 1, "confidence": 1, "effort": 1, "reason": "on-call pain"}""");
        HttpApi.Response rescored = api.as("li").write("/api/initiatives/runbooks/score", """
                {"reach": 400, "impact": 0.5, "confidence": 1, "effort": 1, "reason": "end of support moved up"}""");

        assertThat(rescored.status()).isEqualTo(200);
        assertThat(rescored.body().get("id").asText()).isEqualTo("runbooks");
        assertThat(scored.body().get("version").asLong()).isEqualTo(1);
        assertThat(rescored.body().get("version").asLong()).isEqualTo(2);
        assertThat(rescored.position()).isGreaterThan(scored.position());

        List<? extends DomainEventMessage<?>> events = eventStore.readEvents("initiative:runbooks").asStream()
                                                                 .toList();
        DomainEventMessage<?> last = events.get(events.size() - 1);
        assertThat(last.getSequenceNumber()).isEqualTo(2);
        assertThat(last.getPayload()).isInstanceOf(InitiativeScored.class);
        assertThat(last.getMetaData()).containsEntry(EventMetadata.ACTOR, "li")
                                      .containsEntry(EventMetadata.REASON, "end of support moved up")
                                      .containsKey(EventMetadata.CORRELATION_ID);
        assertThat(events.get(0).getMetaData()).containsEntry(EventMetadata.ACTOR, "maria");
        assertThat(api.write("/api/teams", """
                {"id": "tested-team", "name": "Tested team"}""").position()).isPositive();
        assertThat(eventStore.readEvents("team:tested-team").next().getMetaData())
                .containsEntry(EventMetadata.ACTOR, "tester");
    }

    @Test
    void linkingTheSameKeyResultAgainAppendsNothingAndAnswersTheSameVersion() {
        HttpApi.Response first = maria.write("/api/initiatives/ab-testing/key-results", """
                {"objectiveId": "faster-experiments", "keyResultId": "time-to-result"}""");
        long taken = positionsTaken();
        HttpApi.Response again = maria.write("/api/initiatives/ab-testing/key-results", """
                {"objectiveId": "faster-experiments", "keyResultId": "time-to-result"}""");

        assertThat(again.body()).isEqualTo(first.body());
        assertThat(positionsTaken()).isEqualTo(taken);
    }

    private static JsonNode item(JsonNode roadmap, String initiativeId) {
        return StreamSupport.stream(roadmap.get("items").spliterator(), false)
                            .filter(item -> item.get("initiativeId").asText().equals(initiativeId))
                            .findFirst().orElseThrow();
    }
}
