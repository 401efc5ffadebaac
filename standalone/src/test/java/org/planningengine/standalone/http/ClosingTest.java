package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing a cycle with work still committed or in progress: the work is shown before (GET .../unfinished), the close
 * needs a reason for leaving it, answers and records it, and the retrospective lists it by name, team and
 * allocation. A cycle with nothing unfinished closes as before.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClosingTest extends HttpTestBase {

    private static final String UNFINISHED = "[cls-a 'Checkout' cls-team IN_PROGRESS 8, "
                                             + "cls-b 'Ledger' cls-team COMMITTED 4, "
                                             + "cls-f 'Moved in' cls-team COMMITTED 0]";

    private HttpApi maria;
    private JsonNode before;
    private HttpApi.Response refused;
    private boolean refusalAppendedNothing;
    private HttpApi.Response closed;
    private HttpApi.Response retried;

    @BeforeAll
    void closeWithWorkLeft() {
        client();
        maria = api.as("maria");
        maria.write("/api/cycles", """
                {"id": "cls-s1", "name": "Closing", "startDate": "2042-04-01", "endDate": "2042-09-30"}""");
        maria.write("/api/cycles", """
                {"id": "cls-s2", "name": "Closing quietly", "startDate": "2042-10-01", "endDate": "2043-03-31"}""");
        maria.write("/api/cycles", """
                {"id": "cls-s0", "name": "Closing before", "startDate": "2041-10-01", "endDate": "2042-03-31"}""");
        maria.write("/api/teams", """
                {"id": "cls-team", "name": "Closers"}""");
        // Deferred into the cycle and committed there: its work; committed and deferred out of it: not.
        maria.write("/api/initiatives", """
                {"id": "cls-f", "cycleId": "cls-s0", "teamId": "cls-team", "title": "Moved in",
                 "category": "KTLO"}""");
        maria.write("/api/initiatives/cls-f/defer", "{\"toCycleId\": \"cls-s1\", \"reason\": \"later\"}");
        maria.write("/api/initiatives/cls-f/commit", null);
        maria.replace("/api/cycles/cls-s1/teams/cls-team/capacity", "{\"personWeeks\": 20}");
        String[][] initiatives = {{"cls-a", "Checkout", "NEW_INITIATIVE"}, {"cls-b", "Ledger", "KTLO"},
                                  {"cls-c", "Alerts", "KTLO"}, {"cls-d", "Ideas", "NEW_INITIATIVE"},
                                  {"cls-e", "Legacy", "KTLO"}, {"cls-g", "Moved out", "KTLO"}};
        for (String[] initiative : initiatives) {
            maria.write("/api/initiatives", """
                    {"id": "%s", "cycleId": "cls-s1", "teamId": "cls-team", "title": "%s", "category": "%s"}"""
                    .formatted((Object[]) initiative));
        }
        for (String id : List.of("cls-a", "cls-b", "cls-c", "cls-e", "cls-g")) {
            maria.write("/api/initiatives/" + id + "/commit", null);
        }
        maria.write("/api/initiatives/cls-g/defer", "{\"toCycleId\": \"cls-s2\", \"reason\": \"no room\"}");
        for (String[] allocation : new String[][]{{"cls-a", "8"}, {"cls-b", "4"}}) {
            maria.write("/api/cycles/cls-s1/teams/cls-team/allocations", """
                    {"initiativeId": "%s", "personWeeks": %s}""".formatted((Object[]) allocation));
        }
        maria.write("/api/cycles/cls-s1/commit", null);
        maria.write("/api/initiatives/cls-a/start", null);
        maria.write("/api/initiatives/cls-c/start", null);
        maria.write("/api/initiatives/cls-c/complete", null);
        awaitViews(maria.write("/api/initiatives/cls-e/drop", "{\"reason\": \"not needed\"}"));
        before = api.get("/api/cycles/cls-s1/unfinished").body();

        long positions = positionsTaken();
        refused = maria.post("/api/cycles/cls-s1/close", null);
        refusalAppendedNothing = positionsTaken() == positions;
        closed = maria.postOnce("/api/cycles/cls-s1/close", "close-cls-s1", """
                {"reason": "the half is over; checkout and the ledger carry on"}""");
        retried = maria.postOnce("/api/cycles/cls-s1/close", "close-cls-s1", """
                {"reason": "the half is over; checkout and the ledger carry on"}""");
        awaitViews(closed);
    }

    private static String shown(JsonNode unfinished) {
        List<String> rows = new ArrayList<>();
        unfinished.forEach(item -> rows.add(item.get("initiativeId").asText() + " '" + item.get("title").asText()
                                            + "' " + item.get("teamId").asText() + " " + item.get("status").asText()
                                            + " " + item.get("allocatedPersonWeeks").decimalValue()
                                                        .stripTrailingZeros().toPlainString()));
        return rows.toString();
    }

    @Test
    void theUnfinishedWorkCanBeSeenBeforeTheClose() {
        assertThat(shown(before.get("initiatives"))).isEqualTo(UNFINISHED);
        assertThat(before.get("asOf").asText()).isNotEmpty();
    }

    @Test
    void closingWithUnfinishedWorkAndNoReasonIsRefusedNamingTheWorkAndAppendsNothing() {
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.body().get("errors").get(0).get("field").asText()).isEqualTo("reason");
        assertThat(refused.body().get("detail").asText()).isEqualTo(
                "cycle cls-s1 would close with 3 initiatives unfinished: cls-a ('Checkout', team cls-team, "
                + "IN_PROGRESS, 8 person-weeks allocated); cls-b ('Ledger', team cls-team, COMMITTED, 4 "
                + "person-weeks allocated); cls-f ('Moved in', team cls-team, COMMITTED, 0 person-weeks "
                + "allocated); to close it leaving them unfinished, give a reason");
        assertThat(refusalAppendedNothing).isTrue();
    }

    @Test
    void theCloseAnswersWhatItLeftUnfinishedAndSoDoesARetryUnderItsKey() {
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        assertThat(closed.body().get("id").asText()).isEqualTo("cls-s1");
        assertThat(shown(closed.body().get("unfinished"))).isEqualTo(UNFINISHED);
        assertThat(retried.body()).isEqualTo(closed.body());
    }

    @Test
    void theDecisionLogKeepsTheUnfinishedWorkWithTheClosesReason() {
        JsonNode decisions = api.get("/api/decisions?cycle=cls-s1&type=CycleClosed").body().get("decisions");

        assertThat(decisions).hasSize(1);
        assertThat(decisions.get(0).get("reason").asText())
                .isEqualTo("the half is over; checkout and the ledger carry on");
        assertThat(shown(decisions.get(0).get("values").get("unfinished"))).isEqualTo(UNFINISHED);
    }

    @Test
    void theRetrospectiveListsTheWorkCommittedButNotDoneByNameTeamAndAllocation() {
        JsonNode retro = api.get("/api/cycles/cls-s1/retrospective").body();

        assertThat(shown(retro.get("unfinished"))).isEqualTo(UNFINISHED);
        assertThat(retro.get("initiatives").get("committed").asInt()).isEqualTo(6);
        assertThat(retro.get("initiatives").get("done").asInt()).isEqualTo(1);
    }

    @Test
    void aClosedCycleTakesNoMoreCommitments() {
        HttpApi.Response late = maria.post("/api/initiatives/cls-d/commit", null);

        assertThat(late.status()).as(late.raw()).isEqualTo(409);
        assertThat(late.body().get("detail").asText()).contains("cycle cls-s1 is CLOSED");
    }

    @Test
    void aCycleWithNothingUnfinishedClosesWithoutAReasonRecordingNone() {
        maria.write("/api/cycles/cls-s2/commit", null);
        HttpApi.Response quiet = maria.write("/api/cycles/cls-s2/close", null);

        assertThat(quiet.body().get("unfinished")).isEmpty();
        assertThat(quiet.body().get("unfinished").isArray()).isTrue();
    }
}
