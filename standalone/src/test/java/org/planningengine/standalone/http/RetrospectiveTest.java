package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.planningengine.events.initiative.InitiativeCommitted;
import org.planningengine.events.initiative.InitiativeCompleted;
import org.planningengine.events.initiative.InitiativeDeferred;
import org.planningengine.events.initiative.InitiativeDropped;
import org.planningengine.events.initiative.InitiativeScored;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A semester's retrospective, generated from what happened, and its counts against the log itself. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetrospectiveTest extends HttpTestBase {

    private static final List<String> INITIATIVES = List.of("ret-a", "ret-b", "ret-c", "ret-d");

    @Autowired
    EventStore eventStore;

    private String beforeTheEnd;

    @BeforeAll
    void runASemester() {
        client();
        HttpApi zoe = api.as("zoe");
        zoe.write("/api/cycles", """
                {"id": "ret-s1", "name": "Retro", "startDate": "2038-04-01", "endDate": "2038-09-30"}""");
        zoe.write("/api/cycles", """
                {"id": "ret-s2", "name": "After", "startDate": "2038-10-01", "endDate": "2039-03-31"}""");
        zoe.write("/api/teams", """
                {"id": "ret-team", "name": "Retro team"}""");
        zoe.replace("/api/cycles/ret-s1/teams/ret-team/capacity", """
                {"personWeeks": 20}""");
        String[][] scores = {{"ret-a", "NEW_INITIATIVE", "400"}, {"ret-b", "NEW_INITIATIVE", "300"},
                             {"ret-c", "KTLO", "200"}, {"ret-d", "KTLO", "100"}};
        for (String[] initiative : scores) {
            zoe.write("/api/initiatives", """
                    {"id": "%s", "cycleId": "ret-s1", "teamId": "ret-team", "title": "%s", "category": "%s"}"""
                    .formatted(initiative[0], initiative[0], initiative[1]));
            zoe.write("/api/initiatives/" + initiative[0] + "/score", """
                    {"reach": %s, "impact": 1, "confidence": 1, "effort": 1, "reason": "first"}"""
                    .formatted(initiative[2]));
        }
        zoe.write("/api/initiatives/ret-d/score", """
                {"reach": 150, "impact": 1, "confidence": 1, "effort": 1, "reason": "second look"}""");
        for (String id : List.of("ret-a", "ret-b", "ret-c")) {
            zoe.write("/api/initiatives/" + id + "/commit", null);
        }
        zoe.write("/api/cycles/ret-s1/teams/ret-team/allocations", """
                {"initiativeId": "ret-a", "personWeeks": 10}""");
        zoe.write("/api/cycles/ret-s1/teams/ret-team/allocations", """
                {"initiativeId": "ret-c", "personWeeks": 6}""");
        zoe.write("/api/objectives", """
                {"id": "ret-goal", "cycleId": "ret-s1", "title": "Learn"}""");
        zoe.write("/api/objectives/ret-goal/key-results", """
                {"id": "ret-kr", "title": "Lessons", "metric": "lessons", "unit": "#", "baseline": 0, "target": 4}""");
        zoe.write("/api/cycles/ret-s1/commit", """
                {"reason": "plan agreed"}""");

        zoe.write("/api/initiatives/ret-b/score", """
                {"reach": 500, "impact": 1, "confidence": 1, "effort": 1, "reason": "a big customer"}""");
        zoe.write("/api/initiatives/ret-c/drop", """
                {"reason": "the vendor fixed it"}""");
        zoe.write("/api/cycles/ret-s1/teams/ret-team/allocations", """
                {"initiativeId": "ret-c", "personWeeks": 0}""");
        zoe.write("/api/initiatives/ret-d/defer", """
                {"toCycleId": "ret-s2", "reason": "no room"}""");
        zoe.write("/api/initiatives/ret-a/start", null);
        awaitViews(zoe.write("/api/initiatives/ret-a/complete", null));
        beforeTheEnd = api.get("/api/cycles/ret-s1").body().get("asOf").asText();
        zoe.write("/api/objectives/ret-goal/key-results/ret-kr/check-ins", """
                {"value": 3, "confidence": 0.9}""");
        zoe.write("/api/objectives/ret-goal/grade", null);
        awaitViews(zoe.write("/api/lessons", """
                {"cycleId": "ret-s1", "subjectId": "ret-c", "text": "Ask the vendor first.", "tags": ["vendors"]}"""));
    }

    private JsonNode retrospective(String query) {
        HttpApi.Response answer = api.get("/api/cycles/ret-s1/retrospective" + query);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        return answer.body();
    }

    @Test
    void initiativesChurnGradesAndLessonsFromWhatHappened() {
        JsonNode retro = retrospective("");

        assertThat(retro.get("initiatives").toString()).isEqualTo(
                "{\"committed\":3,\"done\":1,\"dropped\":1,\"deferred\":1,\"droppedAfterCommit\":1}");
        // Ranks since the commit: ret-b 2 → 1 (re-scored), ret-a 1 → 2, ret-c 3 → none (dropped); ret-d left.
        assertThat(retro.get("churn").toString())
                .isEqualTo("{\"rescores\":2,\"rankChanges\":3,\"dropsAfterCommit\":1}");
        assertThat(retro.get("objectives").get(0).get("grade").decimalValue()).isEqualByComparingTo("0.75");
        JsonNode lesson = retro.get("lessons").get(0);
        assertThat(lesson.get("text").asText()).isEqualTo("Ask the vendor first.");
        assertThat(lesson.get("actor").asText()).isEqualTo("zoe");
        assertThat(lesson.get("tags").toString()).isEqualTo("[\"vendors\"]");
    }

    @Test
    void plannedCapacityIsTheOneAtThePlansCommitAndActualTheOneNow() {
        JsonNode capacity = retrospective("").get("capacity");

        assertThat(capacity.get("plannedAt").asText()).isNotEmpty();
        assertThat(shares(capacity.get("planned"))).containsExactly("new 10 50.00", "run 6 30.00");
        assertThat(shares(capacity.get("actual"))).containsExactly("new 10 50.00", "run 0 0.00");
    }

    @Test
    void theDecisionTimelineIsEveryDecisionInOrder() {
        List<String> types = new ArrayList<>();
        retrospective("").get("decisions").forEach(decision -> types.add(decision.get("type").asText()));

        assertThat(types).startsWith("TeamCapacitySet", "InitiativeScored")
                         .contains("PlanCommitted", "InitiativeDropped", "InitiativeDeferred", "ObjectiveGraded")
                         .endsWith("InitiativeCompleted", "ObjectiveGraded");
    }

    @Test
    void asOfAnEarlierInstantItIsTheRetrospectiveOfThen() {
        JsonNode then = retrospective("?asOf=" + beforeTheEnd);

        assertThat(then.get("objectives").get(0).get("grade").isNull()).isTrue();
        assertThat(then.get("lessons")).isEmpty();
        assertThat(then.get("initiatives").get("done").asInt()).isEqualTo(1);
    }

    @Test
    void itsCountsAreTheLogsOwn() {
        int rescores = 0;
        int committed = 0;
        int done = 0;
        int dropped = 0;
        int deferred = 0;
        for (String id : INITIATIVES) {
            for (DomainEventMessage<?> event : eventStore.readEvents("initiative:" + id).asStream().toList()) {
                Object payload = event.getPayload();
                rescores += payload instanceof InitiativeScored scored && scored.previous() != null ? 1 : 0;
                committed += payload instanceof InitiativeCommitted ? 1 : 0;
                done += payload instanceof InitiativeCompleted ? 1 : 0;
                dropped += payload instanceof InitiativeDropped ? 1 : 0;
                deferred += payload instanceof InitiativeDeferred ? 1 : 0;
            }
        }
        JsonNode retro = retrospective("");

        assertThat(retro.get("churn").get("rescores").asInt()).isEqualTo(rescores);
        assertThat(retro.get("initiatives").get("committed").asInt()).isEqualTo(committed);
        assertThat(retro.get("initiatives").get("done").asInt()).isEqualTo(done);
        assertThat(retro.get("initiatives").get("dropped").asInt()).isEqualTo(dropped);
        assertThat(retro.get("initiatives").get("deferred").asInt()).isEqualTo(deferred);
    }

    private static List<String> shares(JsonNode totals) {
        List<String> rows = new ArrayList<>();
        totals.get("buckets").forEach(bucket -> rows.add(
                bucket.get("name").asText() + " " + bucket.get("allocatedPersonWeeks").asText() + " "
                + bucket.get("actualShare").decimalValue().toPlainString()));
        return rows;
    }
}
