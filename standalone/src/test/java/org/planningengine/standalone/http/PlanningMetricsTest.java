package org.planningengine.standalone.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.planningengine.command.metrics.PlanningMetrics;
import org.springframework.beans.factory.annotation.Autowired;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * Planning metrics beside the technical ones (exported on {@code /actuator/prometheus} as {@code planning_…_total}):
 * decisions by type, writes refused by problem, imports by outcome. The engine is shared with other test classes, so
 * each test reads how a counter moved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanningMetricsTest extends HttpTestBase {

    @Autowired
    MeterRegistry meters;

    @BeforeAll
    void plan() {
        client();
        api.write("/api/cycles", """
                {"id": "met-s1", "name": "Metrics", "startDate": "2039-04-01", "endDate": "2039-09-30"}""");
        api.write("/api/teams", "{\"id\": \"met-team\", \"name\": \"Metered\"}");
        api.write("/api/initiatives", """
                {"id": "met-a", "cycleId": "met-s1", "teamId": "met-team", "title": "A", "category": "KTLO"}""");
    }

    @Test
    void everyDecisionIsCountedByItsTypeOnceItIsAppended() {
        double scores = counter(PlanningMetrics.DECISIONS, "type", "InitiativeScored");
        double commits = counter(PlanningMetrics.DECISIONS, "type", "InitiativeCommitted");

        api.write("/api/initiatives/met-a/score", """
                {"reach": 10, "impact": 1, "confidence": 1, "effort": 1, "reason": "first look"}""");
        api.write("/api/initiatives/met-a/score", """
                {"reach": 20, "impact": 1, "confidence": 1, "effort": 1, "reason": "data"}""");
        api.post("/api/initiatives/met-a/score", """
                {"reach": 20, "impact": 0.7, "confidence": 1, "effort": 1, "reason": "refused"}""");

        assertThat(counter(PlanningMetrics.DECISIONS, "type", "InitiativeScored")).isEqualTo(scores + 2);
        assertThat(counter(PlanningMetrics.DECISIONS, "type", "InitiativeCommitted")).isEqualTo(commits);
    }

    @Test
    void aRefusedWriteIsCountedByItsProblemAndTheWrite() {
        String[] tags = {"problem", "rule-violated", "status", "422", "write", "POST /api/initiatives/{id}/score"};
        double before = counter("planning.commands.refused", tags);

        HttpApi.Response refused = api.post("/api/initiatives/met-a/score", """
                {"reach": 20, "impact": 0.7, "confidence": 1, "effort": 1, "reason": "between the scales"}""");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(counter("planning.commands.refused", tags)).isEqualTo(before + 1);
    }

    @Test
    void aWriteFromAStaleVersionIsCountedAsAFailedPrecondition() {
        String[] tags = {"problem", "precondition-failed", "status", "412", "write",
                         "POST /api/initiatives/{id}/commit"};
        double before = counter("planning.commands.refused", tags);
        api.write("/api/initiatives", """
                {"id": "met-stale", "cycleId": "met-s1", "teamId": "met-team", "title": "S", "category": "KTLO"}""");
        api.write("/api/initiatives/met-stale/score", """
                {"reach": 10, "impact": 1, "confidence": 1, "effort": 1, "reason": "first look"}""");

        HttpApi.Response refused = api.with("If-Match", "\"0\"").post("/api/initiatives/met-stale/commit", null);

        assertThat(refused.status()).isEqualTo(412);
        assertThat(counter("planning.commands.refused", tags)).isEqualTo(before + 1);
    }

    @Test
    void anImportIsCountedWithItsOutcomeAndRows() {
        double done = counter("planning.imports", "kind", "INITIATIVES", "status", "DONE");
        double rows = counter("planning.imports.rows", "kind", "INITIATIVES");

        awaitImported(api.postFile("/api/cycles/met-s1/imports", "text/csv", """
                title,team,category,reach,impact,confidence,effort
                Metered one,met-team,KTLO,100,1,1,2
                Metered two,met-team,KTLO,200,2,0.5,4
                """));

        assertThat(counter("planning.imports", "kind", "INITIATIVES", "status", "DONE")).isEqualTo(done + 1);
        assertThat(counter("planning.imports.rows", "kind", "INITIATIVES")).isEqualTo(rows + 2);
    }

    /** A counter's value, 0 before its series exists. */
    private double counter(String name, String... tags) {
        Counter counter = meters.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
