package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.EventMetadata;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Initiative imports from spreadsheets and JSON lines: scales normalised as asked, every row a proposal and a score
 * with the import as reason and correlation id, bad rows refused by line, the same file twice appending nothing,
 * dry runs, and a roadmap exported and imported again ranking the same.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportTest extends HttpTestBase {

    /** As a spreadsheet in a semicolon country writes it: a rating of 1-5, percents, T-shirt sizes, a BOM. */
    private static final String SPREADSHEET = """
            \uFEFFName;Team;Type;Reach;Impact;Confidence;Effort;Description;Reason
            Checkout redesign;imp-pay;New initiative;2000;4;80%;L;"Faster checkout; fewer ""abandoned"" carts
            (see the survey)";customer interviews
            Fraud rules;imp-pay;KTLO;500;3;50%;S;;
            Search ranking;imp-search;new_initiative;12,000;5;100%;XL;Relevance;
            """;

    @Autowired
    EventStorageEngine log;

    @BeforeAll
    void plan() {
        client();
        for (String cycle : List.of("imp-s1", "imp-s2", "imp-s3", "imp-s4", "imp-s5", "imp-s6", "imp-s7")) {
            api.write("/api/cycles", """
                    {"id": "%s", "name": "Imports", "startDate": "2038-04-01", "endDate": "2038-09-30"}"""
                    .formatted(cycle));
        }
        api.write("/api/teams", "{\"id\": \"imp-pay\", \"name\": \"Payments\"}");
        api.write("/api/teams", "{\"id\": \"imp-search\", \"name\": \"Search\"}");
    }

    @Test
    void aSpreadsheetIsImportedWithItsScalesNormalisedAndTheImportAsReasonAndCorrelation() {
        HttpApi.Response started = api.as("maria").postFile(
                "/api/cycles/imp-s1/imports?impactScale=1-5&effortUnit=t-shirt", "text/csv", SPREADSHEET);

        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        JsonNode done = awaitImported(started);
        assertThat(done.get("rows").asInt()).isEqualTo(3);
        assertThat(done.get("events").toString()).isEqualTo("{\"InitiativeProposed\":3,\"InitiativeScored\":3}");
        assertThat(done.get("rules").toString()).contains("1 → 0.25", "a percent, divided by 100", "XL → 16");
        assertThat(done.get("columns").get("title").asText()).isEqualTo("Name");
        awaitAllViews();
        JsonNode items = api.get("/api/cycles/imp-s1/roadmap").body().get("items");
        assertThat(rows(items)).containsExactly(
                "Search ranking imp-search NEW_INITIATIVE 12000 3 1 16 2250.00",
                "Checkout redesign imp-pay NEW_INITIATIVE 2000 2 0.8 8 400.00",
                "Fraud rules imp-pay KTLO 500 1 0.5 2 125.00");
        String id = done.get("id").asText();
        String checkout = items.get(1).get("initiativeId").asText();
        JsonNode history = api.get("/api/initiatives/" + checkout + "/history").body().get("events");
        assertThat(history.findValuesAsText("reason")).containsOnly(id + ": customer interviews");
        assertThat(history.findValuesAsText("actor")).containsOnly("maria");
        log.readEvents(AggregateIds.initiative(checkout)).asStream().map(DomainEventMessage::getMetaData).forEach(
                metaData -> assertThat(metaData.get(EventMetadata.CORRELATION_ID)).isEqualTo(id));
        assertThat(api.get("/api/decisions?cycle=imp-s1").body().get("decisions").findValuesAsText("reason"))
                .allMatch(reason -> reason.startsWith(id));
    }

    @Test
    void jsonLinesInPersonMonthsWithIntercomWordsAndFractions() {
        String file = """
                {"summary": "Ledger export", "team": "imp-pay", "category": "TEAM_INITIATIVE", "reach": 300, "impact": "high", "confidence": 0.8, "effort": 3}

                {"summary": "Audit trail", "team": "imp-pay", "category": "KTLO", "reach": 100, "impact": 0.25, "confidence": 1, "effort": 1}
                """;
        JsonNode done = awaitImported(api.postFile("/api/cycles/imp-s2/imports?effortUnit=person-months",
                                               "application/x-ndjson", file));

        assertThat(done.get("events").get("InitiativeScored").asInt()).isEqualTo(2);
        awaitAllViews();
        assertThat(rows(api.get("/api/cycles/imp-s2/roadmap").body().get("items"))).containsExactly(
                "Ledger export imp-pay TEAM_INITIATIVE 300 2 0.8 13 36.92",
                "Audit trail imp-pay KTLO 100 0.25 1 4.33 5.77");
    }

    @Test
    void aBadRowInTheMiddleRefusesTheFileByLineAndAppendsNothing() {
        String file = """
                title,team,category,reach,impact,confidence,effort
                Good one,imp-pay,KTLO,10,1,0.5,2
                Bad impact,imp-pay,KTLO,10,0.7,0.5,2
                Unknown team,imp-nobody,KTLO,10,1,0.5,2
                Half scored,imp-pay,KTLO,10,,,2
                Good two,imp-pay,KTLO,10,1,0.5,2
                """;
        long taken = positionsTaken();

        HttpApi.Response refused = api.postFile("/api/cycles/imp-s3/imports", "text/csv", file);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.body().get("detail").asText()).startsWith("3 of 5 rows break a rule, so nothing was imported");
        assertThat(problems(refused.body().get("errors"))).containsExactly(
                "3 impact: impact on Intercom's scale must be 3, 2, 1, 0.5 or 0.25, or massive, high, medium, low or "
                + "minimal (was 0.7); a rating of 1 to 5 is read with impactScale=1-5",
                "4 teamId: team imp-nobody does not exist",
                "5 impact: reach, impact, confidence and effort go together; this row has no impact, confidence");
        assertThat(positionsTaken()).isEqualTo(taken);

        JsonNode skipped = awaitImported(api.postFile("/api/cycles/imp-s3/imports?mode=skip-bad-rows", "text/csv", file));
        assertThat(skipped.get("events").toString()).isEqualTo("{\"InitiativeProposed\":2,\"InitiativeScored\":2}");
        assertThat(skipped.get("badRows").findValuesAsText("line")).containsExactly("3", "4", "5");
        assertThat(skipped.get("rowsDone").asInt()).isEqualTo(5);
    }

    @Test
    void theSameFileAgainAppendsNothingAndAFixedFileOnlyItsFixedRow() {
        String file = """
                title,team,category,reach,impact,confidence,effort
                Once,imp-pay,KTLO,10,1,0.5,2
                Broken,imp-pay,KTLO,10,9,0.5,2
                """;
        JsonNode first = awaitImported(api.postFile("/api/cycles/imp-s4/imports?mode=skip-bad-rows", "text/csv", file));
        long taken = positionsTaken();

        HttpApi.Response again = api.postFile("/api/cycles/imp-s4/imports?mode=skip-bad-rows", "text/csv", file);

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(positionsTaken()).isEqualTo(taken);

        JsonNode fixed = awaitImported(api.postFile("/api/cycles/imp-s4/imports", "text/csv",
                                                file.replace(",9,", ",3,")));
        assertThat(fixed.get("events").toString()).isEqualTo("{\"InitiativeProposed\":1,\"InitiativeScored\":1}");
        assertThat(fixed.get("alreadyImported").asInt()).isEqualTo(1);
        awaitAllViews();
        assertThat(api.get("/api/cycles/imp-s4/roadmap").body().get("items")).hasSize(2);
    }

    @Test
    void aDryRunAnswersWhatWouldHappenAndAppendsNothing() {
        String file = """
                title,team,category,reach,impact,confidence,effort
                Maybe,imp-pay,KTLO,10,1,0.5,2
                Unscored,imp-search,TEAM_INITIATIVE,,,,
                Wrong,imp-pay,KTLO,10,1,0,2
                """;
        long taken = positionsTaken();

        HttpApi.Response dryRun = api.postFile("/api/cycles/imp-s5/imports?dryRun=true", "text/csv", file);

        assertThat(dryRun.status()).as(dryRun.raw()).isEqualTo(200);
        assertThat(dryRun.body().get("status").asText()).isEqualTo("DRY_RUN");
        assertThat(dryRun.body().get("events").toString())
                .isEqualTo("{\"InitiativeProposed\":2,\"InitiativeScored\":1}");
        assertThat(problems(dryRun.body().get("badRows"))).containsExactly(
                "4 confidence: confidence must be more than 0 and at most 1 (was 0)");
        assertThat(positionsTaken()).isEqualTo(taken);
        assertThat(api.get("/api/cycles/imp-s5/imports/" + dryRun.body().get("id").asText()).status())
                .isEqualTo(404);
    }

    @Test
    void anExportedRoadmapImportedIntoAnotherCycleRanksTheSame() {
        for (String[] idea : new String[][]{{"Alpha, the first", "100", "3", "1", "2"},
                                            {"Beta \"quoted\"", "400", "0.5", "0.8", "4"},
                                            {"Gamma", "50", "2", "0.5", "1"}}) {
            String id = api.write("/api/initiatives", """
                    {"cycleId": "imp-s6", "teamId": "imp-search", "title": "%s", "category": "NEW_INITIATIVE"}"""
                    .formatted(idea[0].replace("\"", "\\\""))).body().get("id").asText();
            api.write("/api/initiatives/" + id + "/score", """
                    {"reach": %s, "impact": %s, "confidence": %s, "effort": %s, "reason": "estimate"}"""
                    .formatted(idea[1], idea[2], idea[3], idea[4]));
        }
        awaitAllViews();
        HttpApi.Response csv = api.get("/api/cycles/imp-s6/roadmap", "text/csv");
        assertThat(csv.contentType()).isEqualTo("text/csv;charset=UTF-8");

        JsonNode done = awaitImported(api.postForm("/api/cycles/imp-s7/imports", "roadmap.csv", csv.raw()));

        assertThat(done.get("ignoredColumns").toString()).contains("rank", "initiativeId", "score");
        awaitAllViews();
        assertThat(rows(api.get("/api/cycles/imp-s7/roadmap").body().get("items")))
                .isEqualTo(rows(api.get("/api/cycles/imp-s6/roadmap").body().get("items")));
    }

    @Test
    void aFileThatCannotBeReadIsAProblemAndAppendsNothing() {
        long taken = positionsTaken();
        String good = "title,team,category\nFine,imp-pay,KTLO\n";

        assertThat(problem(api.postFile("/api/cycles/imp-s3/imports", "text/csv", "team,category\nimp-pay,KTLO\n")))
                .startsWith("422 file: the file has no column for title (named one of title, name, summary)");
        assertThat(problem(api.postFile("/api/cycles/imp-s3/imports", "text/csv",
                                        "title,team,category\n\"Open,imp-pay,KTLO\n")))
                .isEqualTo("422 file: line 2: a quoted field is never closed");
        assertThat(problem(api.postFile("/api/cycles/imp-s3/imports", "text/csv", "title,team,category\n")))
                .isEqualTo("422 file: the file has no rows to import");
        assertThat(problem(api.postFile("/api/cycles/imp-s3/imports", "application/x-ndjson",
                                        "{\"title\": \"A\"}\n{\"title\": [1]}\n")))
                .isEqualTo("422 file: line 2: title must be a text or a number");
        assertThat(problem(api.postFile("/api/cycles/imp-s3/imports?effortUnit=days", "text/csv", good)))
                .startsWith("422 effortUnit: effortUnit must be one of person-weeks, person-months, t-shirt");
        assertThat(problem(api.postFile("/api/cycles/imp-s3/imports?mode=some", "text/csv", good)))
                .startsWith("422 mode: mode must be all-or-nothing or skip-bad-rows");
        assertThat(problem(api.postFile("/api/cycles/imp-none/imports", "text/csv", good)))
                .isEqualTo("404 cycleId: cycle imp-none does not exist");
        assertThat(api.postFile("/api/cycles/imp-s3/imports", "application/json", "{}").status()).isEqualTo(415);
        assertThat(api.get("/api/cycles/imp-s3/imports/import-none").status()).isEqualTo(404);
        assertThat(positionsTaken()).isEqualTo(taken);
    }

    private static String problem(HttpApi.Response response) {
        assertThat(response.contentType()).as(response.raw()).isEqualTo("application/problem+json");
        JsonNode error = response.body().get("errors").get(0);
        return response.status() + " " + error.get("field").asText() + ": " + error.get("message").asText();
    }

    /** Title, team, category, RICE and score of each item, in rank order. */
    private static List<String> rows(JsonNode items) {
        List<String> rows = new ArrayList<>();
        for (JsonNode item : items) {
            JsonNode rice = item.get("rice");
            rows.add(String.join(" ", item.get("title").asText(), item.get("teamId").asText(),
                                 item.get("category").asText(), rice.get("reach").asText(),
                                 rice.get("impact").asText(), rice.get("confidence").asText(),
                                 rice.get("effort").asText(), rice.get("score").asText()));
        }
        return rows;
    }

    static List<String> problems(JsonNode errors) {
        List<String> problems = new ArrayList<>();
        errors.forEach(error -> problems.add(error.get("line").asText() + " " + error.get("field").asText() + ": "
                                             + error.get("message").asText()));
        return problems;
    }
}
