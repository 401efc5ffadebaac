package org.planningengine.standalone.http;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every cycle view and the decision log as CSV and Markdown, now and as of an earlier instant. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportTest extends HttpTestBase {

    private String beforeTheRescore;

    @BeforeAll
    void plan() {
        client();
        HttpApi zoe = api.as("zoe");
        zoe.write("/api/cycles", """
                {"id": "exp-s1", "name": "Export, first", "startDate": "2040-04-01", "endDate": "2040-09-30"}""");
        zoe.write("/api/teams", "{\"id\": \"exp-team\", \"name\": \"Exporters\"}");
        zoe.replace("/api/cycles/exp-s1/teams/exp-team/capacity", "{\"personWeeks\": 20}");
        zoe.write("/api/initiatives", """
                {"id": "exp-a", "cycleId": "exp-s1", "teamId": "exp-team", "title": "Pipes | and, \\"quotes\\"",
                 "category": "NEW_INITIATIVE"}""");
        awaitViews(zoe.write("/api/initiatives/exp-a/score", """
                {"reach": 100, "impact": 1, "confidence": 0.5, "effort": 2, "reason": "first guess"}"""));
        beforeTheRescore = api.get("/api/cycles/exp-s1").body().get("asOf").asText();
        zoe.write("/api/initiatives/exp-a/score", """
                {"reach": 300, "impact": 1, "confidence": 0.5, "effort": 2, "reason": "better data"}""");
        zoe.write("/api/cycles/exp-s1/teams/exp-team/allocations", """
                {"initiativeId": "exp-a", "personWeeks": 2}""");
        zoe.write("/api/objectives", """
                {"id": "exp-o", "cycleId": "exp-s1", "ownerTeamId": "exp-team", "title": "Ship"}""");
        awaitViews(zoe.write("/api/objectives/exp-o/key-results", """
                {"id": "exp-kr", "title": "Deploys", "metric": "deploys", "unit": "per week", "baseline": 1,
                 "target": 5}"""));
    }

    @Test
    void theRoadmapAsCsvNowAndAsOfAnEarlierInstant() {
        HttpApi.Response now = api.get("/api/cycles/exp-s1/roadmap", "text/csv");
        HttpApi.Response then = api.get("/api/cycles/exp-s1/roadmap?asOf=" + beforeTheRescore, "text/csv");

        assertThat(now.contentType()).isEqualTo("text/csv;charset=UTF-8");
        assertThat(now.raw()).isEqualTo("rank,initiativeId,title,teamId,category,status,reach,impact,confidence,"
                                        + "effort,score,allocatedPersonWeeks,keyResults,dependencyRisks,archived\r\n"
                                        + "1,exp-a,\"Pipes | and, \"\"quotes\"\"\",exp-team,NEW_INITIATIVE,"
                                        + "PROPOSED,300,1,0.5,2,75.00,2,,,false\r\n");
        assertThat(then.raw()).contains("PROPOSED,100,1,0.5,2,25.00,0,,");
    }

    @Test
    void theRoadmapAsMarkdown() {
        HttpApi.Response markdown = api.get("/api/cycles/exp-s1/roadmap", "text/markdown");

        assertThat(markdown.contentType()).isEqualTo("text/markdown;charset=UTF-8");
        assertThat(markdown.raw()).startsWith("# Roadmap of exp-s1\n\nAs of ")
                                  .contains("| 1 | exp-a | Pipes \\| and, \"quotes\" | exp-team | NEW_INITIATIVE |");
    }

    @Test
    void everyCycleViewAsCsvAndMarkdown() {
        List<String> views = List.of("/api/cycles", "/api/cycles/exp-s1", "/api/cycles/exp-s1/roadmap",
                                     "/api/cycles/exp-s1/capacity", "/api/cycles/exp-s1/okrs",
                                     "/api/cycles/exp-s1/retrospective",
                                     "/api/cycles/exp-s1/roadmap/diff?from=" + beforeTheRescore + "&to="
                                     + api.get("/api/cycles/exp-s1").body().get("asOf").asText());
        for (String view : views) {
            for (String type : List.of("text/csv", "text/markdown")) {
                HttpApi.Response answer = api.get(view, type);
                assertThat(answer.status()).as(view + " " + type + ": " + answer.raw()).isEqualTo(200);
                assertThat(answer.contentType()).startsWith(type);
            }
        }
        assertThat(api.get("/api/cycles/exp-s1/capacity", "text/csv").raw())
                .contains("team,exp-team,20,2,18,2,0,0,CYCLE,new,50,5,2,10.00,UNDER,false\r\n",
                          "organisation,,20,2,18,2,0,0,CYCLE,run,50,5,0,0.00,UNDER,\r\n");
        assertThat(api.get("/api/cycles/exp-s1/okrs", "text/csv").raw())
                .contains("exp-o,Ship,exp-team,,ACTIVE,0,,MEAN,,exp-kr,Deploys,deploys,per week,1,5,,0,,,,,1,false\r\n");
        assertThat(api.get("/api/cycles/exp-s1/roadmap/diff?from=" + beforeTheRescore + "&to="
                           + api.get("/api/cycles/exp-s1").body().get("asOf").asText(), "text/csv").raw())
                .contains("score,exp-a,,25.00,75.00\r\n", "allocation,exp-a,,0,2\r\n");
        assertThat(api.get("/api/cycles/exp-s1/retrospective", "text/markdown").raw())
                .contains("## Decisions", "| zoe | InitiativeScored | exp-a | better data |");
    }

    @Test
    void theWholeDecisionLogAsCsv() {
        HttpApi.Response csv = api.get("/api/decisions?cycle=exp-s1&actor=zoe&type=InitiativeScored", "text/csv");

        assertThat(csv.raw().lines().toList()).hasSize(3);
        assertThat(csv.raw()).startsWith("id,at,actor,type,cycleId,subjectId,reason,rescore,values\r\n")
                             .contains(",zoe,InitiativeScored,exp-s1,exp-a,better data,true,reach=300; impact=1; "
                                       + "confidence=0.5; effort=2; score=75.0; previousScore=25.0\r\n");
        assertThat(api.get("/api/decisions?cycle=exp-s1").contentType()).isEqualTo("application/json");
    }

    @Test
    void refusalsStayProblemsAndWhatCannotBeExportedIsSaid() {
        HttpApi.Response unknown = api.get("/api/cycles/exp-none/roadmap", "text/csv");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).isEqualTo("application/problem+json");

        assertThat(api.get("/api/initiatives/exp-a/history", "text/csv").status()).isEqualTo(406);
    }
}
