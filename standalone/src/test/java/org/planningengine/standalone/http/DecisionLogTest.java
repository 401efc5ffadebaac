package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The decision log: who decided what, when and why, searched and paged, newest first. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionLogTest extends HttpTestBase {

    private String middle;

    @BeforeAll
    void decide() {
        client();
        HttpApi kim = api.as("kim");
        HttpApi raj = api.as("raj");
        kim.write("/api/cycles", """
                {"id": "dec-s1", "name": "Decisions", "startDate": "2037-04-01", "endDate": "2037-09-30"}""");
        kim.write("/api/cycles", """
                {"id": "dec-s2", "name": "Next", "startDate": "2037-10-01", "endDate": "2038-03-31"}""");
        kim.write("/api/teams", """
                {"id": "dec-team", "name": "Deciders"}""");
        kim.write("/api/initiatives", """
                {"id": "dec-a", "cycleId": "dec-s1", "teamId": "dec-team", "title": "A", "category": "KTLO"}""");
        kim.write("/api/initiatives/dec-a/score", """
                {"reach": 10, "impact": 1, "confidence": 1, "effort": 1, "reason": "guess"}""");
        HttpApi.Response scored = raj.write("/api/initiatives/dec-a/score", """
                {"reach": 20, "impact": 1, "confidence": 1, "effort": 1, "reason": "data"}""");
        awaitViews(scored);
        middle = api.get("/api/cycles/dec-s1").body().get("asOf").asText();
        raj.write("/api/initiatives/dec-a/commit", """
                {"reason": "go"}""");
        awaitViews(kim.write("/api/initiatives/dec-a/defer", """
                {"toCycleId": "dec-s2", "reason": "later"}"""));
    }

    private List<String> decisions(String query) {
        HttpApi.Response page = api.get("/api/decisions?" + query);
        assertThat(page.status()).as(page.raw()).isEqualTo(200);
        List<String> rows = new ArrayList<>();
        for (JsonNode decision : page.body().get("decisions")) {
            rows.add(decision.get("type").asText() + " " + decision.get("subjectId").asText() + " by "
                     + decision.get("actor").asText() + " (" + decision.get("reason").asText() + ")");
        }
        return rows;
    }

    @Test
    void aCyclesDecisionsNewestFirstWithWhoAndWhy() {
        assertThat(decisions("cycle=dec-s1")).containsExactly(
                "InitiativeDeferred dec-a by kim (later)", "InitiativeCommitted dec-a by raj (go)",
                "InitiativeScored dec-a by raj (data)", "InitiativeScored dec-a by kim (guess)");
        assertThat(decisions("cycle=dec-s2")).isEmpty();
    }

    @Test
    void filtersByActorTypeAndTime() {
        assertThat(decisions("cycle=dec-s1&actor=raj")).containsExactly(
                "InitiativeCommitted dec-a by raj (go)", "InitiativeScored dec-a by raj (data)");
        assertThat(decisions("cycle=dec-s1&type=InitiativeScored,InitiativeDeferred")).containsExactly(
                "InitiativeDeferred dec-a by kim (later)", "InitiativeScored dec-a by raj (data)",
                "InitiativeScored dec-a by kim (guess)");
        assertThat(decisions("cycle=dec-s1&to=" + middle)).containsExactly(
                "InitiativeScored dec-a by raj (data)", "InitiativeScored dec-a by kim (guess)");
        assertThat(decisions("cycle=dec-s1&from=" + middle)).containsExactly(
                "InitiativeDeferred dec-a by kim (later)", "InitiativeCommitted dec-a by raj (go)",
                "InitiativeScored dec-a by raj (data)");
    }

    @Test
    void pagesKeepTheOrderAndTellTheTotal() {
        HttpApi.Response second = api.get("/api/decisions?cycle=dec-s1&size=3&page=1");

        assertThat(second.body().get("total").asLong()).isEqualTo(4);
        assertThat(second.body().get("page").asInt()).isEqualTo(1);
        assertThat(decisions("cycle=dec-s1&size=3&page=1")).containsExactly("InitiativeScored dec-a by kim (guess)");
    }

    /** What each decision decided, from its event, so that an audit reads it from the log alone. */
    @Test
    void eachDecisionCarriesItsValues() {
        HttpApi kim = api.as("kim");
        kim.write("/api/cycles", """
                {"id": "dec-s3", "name": "Values", "startDate": "2038-04-01", "endDate": "2038-09-30"}""");
        kim.replace("/api/cycles/dec-s3/teams/dec-team/capacity", """
                {"personWeeks": 12.5, "reason": "two people"}""");
        kim.write("/api/initiatives", """
                {"id": "dec-v", "cycleId": "dec-s3", "teamId": "dec-team", "title": "V", "category": "KTLO"}""");
        kim.write("/api/initiatives/dec-v/score", """
                {"reach": 300, "impact": 2, "confidence": 0.80, "effort": 4, "reason": "guess"}""");
        kim.write("/api/initiatives/dec-v/score", """
                {"reach": 300, "impact": 2, "confidence": 0.5, "effort": 3, "reason": "data"}""");
        kim.write("/api/cycles/dec-s3/teams/dec-team/allocations", """
                {"initiativeId": "dec-v", "personWeeks": 2.25, "reason": "a start"}""");
        kim.write("/api/objectives", """
                {"id": "dec-goal", "cycleId": "dec-s3", "title": "Decide"}""");
        kim.write("/api/objectives/dec-goal/key-results", """
                {"id": "speed", "title": "Speed", "metric": "days", "unit": "d", "baseline": 0, "target": 10}""");
        kim.write("/api/objectives/dec-goal/key-results/speed/check-ins", """
                {"value": 5, "confidence": 0.5}""");
        kim.write("/api/objectives/dec-goal/reviews", """
                {"outcome": "ADJUST", "reason": "clearer", "changes": {"title": "Decide faster"}}""");
        kim.write("/api/cycles/dec-s3/commit", null);
        awaitViews(kim.write("/api/objectives/dec-goal/grade", """
                {"reason": "end"}"""));

        List<String> values = new ArrayList<>();
        api.get("/api/decisions?cycle=dec-s3&actor=kim").body().get("decisions").forEach(
                decision -> values.add(decision.get("type").asText() + " " + decision.get("values")));

        assertThat(values).containsExactly(
                "ObjectiveGraded {\"grade\":0.5,\"grades\":[{\"keyResultId\":\"speed\",\"grade\":0.5,"
                + "\"fromProgress\":true}]}",
                "PlanCommitted {}",
                "ObjectiveReviewed {\"outcome\":\"ADJUST\",\"changes\":[{\"field\":\"title\",\"from\":\"Decide\","
                + "\"to\":\"Decide faster\"}]}",
                "CapacityAllocated {\"teamId\":\"dec-team\",\"category\":\"KTLO\",\"previousPersonWeeks\":0,"
                + "\"personWeeks\":2.25}",
                "InitiativeScored {\"reach\":300,\"impact\":2,\"confidence\":0.5,\"effort\":3,\"score\":100.0,"
                + "\"previousScore\":120.00}",
                "InitiativeScored {\"reach\":300,\"impact\":2,\"confidence\":0.80,\"effort\":4,\"score\":120.00,"
                + "\"previousScore\":null}",
                "TeamCapacitySet {\"previousPersonWeeks\":0,\"personWeeks\":12.5}");
        assertThat(api.get("/api/decisions?cycle=dec-s1&type=InitiativeDeferred").body().get("decisions").get(0)
                      .get("values").toString())
                .isEqualTo("{\"fromCycleId\":\"dec-s1\",\"toCycleId\":\"dec-s2\",\"fromStatus\":\"COMMITTED\"}");
    }

    @Test
    void badPagingIsAProblem() {
        assertThat(api.get("/api/decisions?size=0").status()).isEqualTo(422);
        assertThat(api.get("/api/decisions?page=first").status()).isEqualTo(400);
        assertThat(api.get("/api/decisions?from=soon").contentType()).isEqualTo("application/problem+json");
    }
}
