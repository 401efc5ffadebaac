package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** OKR imports: a key result per row, objectives set once and parents before children, as the lead of each team. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OkrImportTest extends HttpTestBase {

    /** A child listed before its parent, an objective of two key results, one of none. */
    private static final String OKRS = """
            Objective title,Owner team,Parent,Key result title,Metric,Unit,Baseline,Target
            Faster payments,okri-pay,Delight merchants,Checkout time,p95 latency,ms,900,300
            Delight merchants,,,Merchant NPS,nps,points,20,40
            Delight merchants,,,Churn,monthly churn,%,3,2
            Reliable ledger,okri-pay,Delight merchants,,,,,
            """;

    @BeforeAll
    void plan() {
        client();
        for (String cycle : List.of("okri-s1", "okri-s2", "okri-s3")) {
            api.write("/api/cycles", """
                    {"id": "%s", "name": "OKRs", "startDate": "2039-04-01", "endDate": "2039-09-30"}"""
                    .formatted(cycle));
        }
        api.write("/api/teams", "{\"id\": \"okri-pay\", \"name\": \"Payments\"}");
    }

    @Test
    void objectivesAndKeyResultsAreSetParentsFirst() {
        JsonNode done = awaitImported(api.postFile("/api/cycles/okri-s1/okr-imports", "text/csv", OKRS));

        assertThat(done.get("events").toString()).isEqualTo("{\"ObjectiveSet\":3,\"KeyResultAdded\":3}");
        awaitAllViews();
        assertThat(tree("okri-s1")).containsExactly(
                "Delight merchants (organisation) under none: Merchant NPS 20→40 points, Churn 3→2 %",
                "Faster payments (okri-pay) under Delight merchants: Checkout time 900→300 ms",
                "Reliable ledger (okri-pay) under Delight merchants: ");
        assertThat(api.postFile("/api/cycles/okri-s1/okr-imports", "text/csv", OKRS).status()).isEqualTo(200);
    }

    @Test
    void anExportedOkrViewImportsIntoAnotherCycle() {
        awaitImported(api.postFile("/api/cycles/okri-s2/okr-imports", "text/csv", OKRS));
        awaitAllViews();
        HttpApi.Response csv = api.get("/api/cycles/okri-s2/okrs", "text/csv");

        awaitImported(api.postFile("/api/cycles/okri-s3/okr-imports", "text/csv", csv.raw()));

        awaitAllViews();
        assertThat(tree("okri-s3")).isEqualTo(tree("okri-s2"));
    }

    @Test
    void badRowsAreRefusedByLineAndALeadImportsOnlyForItsTeams() {
        String file = """
                objective,team,parent,key result,metric,unit,baseline,target
                Good,okri-pay,,Speed,latency,ms,10,5
                Same,okri-pay,,Flat,latency,ms,5,5
                Orphan,okri-pay,Nowhere,,,,,
                Child of orphan,okri-pay,Orphan,,,,,
                """;
        long taken = positionsTaken();

        HttpApi.Response refused = api.postFile("/api/cycles/okri-s1/okr-imports", "text/csv", file);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body().get("errors").findValuesAsText("line")).containsExactly("3", "4", "5");
        assertThat(refused.body().get("errors").get(2).get("message").asText())
                .isEqualTo("objective 'Child of orphan': its parent 'Orphan' is refused on line 4");
        assertThat(api.as("lead").postFile("/api/cycles/okri-s1/okr-imports", "text/csv", OKRS).status())
                .isEqualTo(403);
        assertThat(positionsTaken()).isEqualTo(taken);
    }

    /** Each objective of the view: title, owner, parent's title and key results. */
    private List<String> tree(String cycle) {
        JsonNode objectives = api.get("/api/cycles/" + cycle + "/okrs").body().get("objectives");
        List<String> tree = new ArrayList<>();
        for (JsonNode objective : objectives) {
            String parent = "none";
            for (JsonNode other : objectives) {
                if (other.get("objectiveId").asText().equals(objective.get("parentObjectiveId").asText())) {
                    parent = other.get("title").asText();
                }
            }
            List<String> keyResults = new ArrayList<>();
            objective.get("keyResults").forEach(kr -> keyResults.add(
                    kr.get("title").asText() + " " + kr.get("baseline").asText() + "→" + kr.get("target").asText()
                    + " " + kr.get("unit").asText()));
            tree.add(objective.get("title").asText() + " (" + (objective.get("ownerTeamId").isNull() ? "organisation"
                                                               : objective.get("ownerTeamId").asText())
                     + ") under " + parent + ": " + String.join(", ", keyResults));
        }
        return tree;
    }
}
