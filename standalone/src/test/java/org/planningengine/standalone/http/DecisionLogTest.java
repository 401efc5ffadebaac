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

    @Test
    void badPagingIsAProblem() {
        assertThat(api.get("/api/decisions?size=0").status()).isEqualTo(422);
        assertThat(api.get("/api/decisions?page=first").status()).isEqualTo(400);
        assertThat(api.get("/api/decisions?from=soon").contentType()).isEqualTo("application/problem+json");
    }
}
