package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input is read strictly: dates are {@code YYYY-MM-DD} strings and lie in a sane range, instants take {@code Z} and
 * offsets alike, every free text is valid Unicode within its stated limit, reach is a whole number. Each refusal is
 * a 4xx problem naming the field, and appends nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StrictInputTest extends HttpTestBase {

    @BeforeAll
    void aPlan() {
        client();
        api.write("/api/cycles", """
                {"id": "strict-s1", "name": "Strict", "startDate": "2093-01-01", "endDate": "2093-06-30"}""");
        api.write("/api/teams", """
                {"id": "strict-team", "name": "Strict"}""");
        api.write("/api/initiatives", """
                {"id": "strict-i", "cycleId": "strict-s1", "teamId": "strict-team", "title": "I", "category": "KTLO"}""");
        api.write("/api/objectives", """
                {"id": "strict-o", "cycleId": "strict-s1", "title": "O"}""");
        api.write("/api/objectives/strict-o/key-results", """
                {"id": "strict-kr", "title": "KR", "metric": "m", "unit": "u", "baseline": 1, "target": 100}""");
    }

    @Test
    void aDateIsAStringYyyyMmDdNeverADayCountNorAnInstant() {
        long taken = positionsTaken();
        for (String date : List.of("20270701", "\"2027-04-01T00:00:00Z\"", "\"2027-04-01T00:00:00\"", "\"2027-02-30\"",
                                   "\"27-04-01\"", "\"2027-4-1\"", "[2027, 4, 1]", "1.5e3")) {
            HttpApi.Response refused = api.post("/api/cycles", """
                    {"id": "strict-dated", "name": "x", "startDate": %s, "endDate": "2027-09-30"}""".formatted(date));
            assertProblem(refused, 400, "startDate");
            assertThat(refused.body().get("detail").asText()).as(date)
                    .isEqualTo("startDate must be a date (YYYY-MM-DD)");
        }
        assertThat(positionsTaken()).isEqualTo(taken);
    }

    @Test
    void aCyclesDatesLieInTheYears2000To2100AndItLastsAtMostTwoYears() {
        long taken = positionsTaken();
        assertProblem(cycle("strict-early", "1999-12-31", "2000-06-30"), 422, "startDate");
        assertProblem(cycle("strict-late", "2100-07-01", "2101-01-01"), 422, "endDate");
        HttpApi.Response tooLong = cycle("strict-long", "2090-01-01", "2092-01-02");
        assertProblem(tooLong, 422, "endDate");
        assertThat(tooLong.body().get("detail").asText()).isEqualTo("a cycle lasts at most 2 years; endDate 2092-01-02 "
                                                                     + "is after 2092-01-01");
        assertProblem(cycle("strict-backwards", "2090-06-30", "2090-01-01"), 422, "endDate");
        assertThat(positionsTaken()).isEqualTo(taken);
    }

    @Test
    void overlappingCyclesAreStartedAndTheirReadsNameEachOther() {
        cycle("strict-o1", "2094-01-01", "2094-06-30");
        cycle("strict-o2", "2094-06-30", "2094-12-31");
        HttpApi.Response last = cycle("strict-o3", "2095-01-01", "2095-06-30");
        assertThat(last.status()).as(last.raw()).isEqualTo(201);
        awaitViews(last);

        assertThat(api.get("/api/cycles/strict-o1").body().get("overlaps").toString()).isEqualTo("[\"strict-o2\"]");
        assertThat(api.get("/api/cycles/strict-o2").body().get("overlaps").toString()).isEqualTo("[\"strict-o1\"]");
        assertThat(api.get("/api/cycles/strict-o3").body().get("overlaps").toString()).isEqualTo("[]");
        JsonNode listed = api.get("/api/cycles").body().get("cycles");
        for (JsonNode cycle : listed) {
            if (cycle.get("id").asText().equals("strict-o2")) {
                assertThat(cycle.get("overlaps").toString()).isEqualTo("[\"strict-o1\"]");
            }
        }
    }

    @Test
    void anInstantWithAnOffsetIsTheSameInstantAsInUtc() {
        awaitAllViews();
        Instant utc = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String inUtc = utc.toString();
        String withOffset = local(utc, ZoneOffset.ofHours(2)) + "%2B02:00";
        // A "+" sent unencoded arrives as a space, and is read as the "+" it was.
        String withRawPlus = local(utc, ZoneOffset.ofHours(2)) + "+02:00";
        String behind = local(utc, ZoneOffset.ofHoursMinutes(-3, -30)) + "-03:30";

        HttpApi.Response expected = api.get("/api/cycles/strict-s1?asOf=" + inUtc);
        assertThat(expected.status()).as(expected.raw()).isEqualTo(200);
        for (String asOf : List.of(withOffset, withRawPlus, behind)) {
            HttpApi.Response same = api.get("/api/cycles/strict-s1?asOf=" + asOf);
            assertThat(same.status()).as(asOf + ": " + same.raw()).isEqualTo(200);
            assertThat(same.raw()).as(asOf).isEqualTo(expected.raw());
        }
        HttpApi.Response decisions = api.get("/api/decisions?cycle=strict-s1&from=" + withOffset + "&to=" + behind);
        assertThat(decisions.raw()).as(decisions.raw())
                .isEqualTo(api.get("/api/decisions?cycle=strict-s1&from=" + inUtc + "&to=" + inUtc).raw());
        HttpApi.Response notAnInstant = api.get("/api/cycles/strict-s1?asOf=2027-05-01T09:30:00");
        assertProblem(notAnInstant, 400, "asOf");
        assertThat(notAnInstant.body().get("detail").asText())
                .contains("2027-05-01T09:30:00Z or 2027-05-01T11:30:00+02:00");
    }

    /** Every free text of every write, each broken three ways: NUL, another control character, a lone surrogate. */
    @Test
    void everyFreeTextThatIsNoValidUnicodeIsRefusedNamingItsField() {
        List<String[]> texts = List.of(
                new String[]{"POST", "/api/cycles", """
                        {"id": "strict-new", "name": %s, "startDate": "2096-01-01", "endDate": "2096-06-30"}""",
                             "name"},
                new String[]{"POST", "/api/teams", """
                        {"id": "strict-new-team", "name": %s}""", "name"},
                new String[]{"POST", "/api/initiatives", """
                        {"cycleId": "strict-s1", "teamId": "strict-team", "title": %s, "category": "KTLO"}""",
                             "title"},
                new String[]{"POST", "/api/initiatives", """
                        {"cycleId": "strict-s1", "teamId": "strict-team", "title": "t", "description": %s,
                         "category": "KTLO"}""", "description"},
                new String[]{"POST", "/api/initiatives/strict-i/score", """
                        {"reach": 1, "impact": 1, "confidence": 1, "effort": 1, "reason": %s}""", "reason"},
                new String[]{"POST", "/api/initiatives/strict-i/commit", """
                        {"reason": %s}""", "reason"},
                new String[]{"POST", "/api/objectives/strict-o/key-results", """
                        {"title": "t", "metric": %s, "unit": "u", "baseline": 1, "target": 2}""", "metric"},
                new String[]{"POST", "/api/objectives/strict-o/key-results/strict-kr/check-ins", """
                        {"value": 5, "confidence": 0.5, "comment": %s}""", "comment"},
                new String[]{"POST", "/api/lessons", """
                        {"cycleId": "strict-s1", "text": %s}""", "text"},
                new String[]{"POST", "/api/lessons", """
                        {"cycleId": "strict-s1", "text": "t", "tags": [%s]}""", "tags[0]"},
                new String[]{"POST", "/api/initiatives/strict-i/dependencies", """
                        {"dependsOn": %s}""", "dependsOn"},
                new String[]{"PUT", "/api/cycles/strict-s1/teams/strict-team/capacity", """
                        {"personWeeks": 10, "reason": %s}""", "reason"});
        long taken = positionsTaken();
        List<String> failures = new ArrayList<>();
        for (String[] text : texts) {
            for (String broken : List.of("\"a\\u0000b\"", "\"bell\\u0007\"", "\"half \\ud83d\"", "\"\\udc00 first\"")) {
                HttpApi.Response refused = api.exchange(text[0], text[1], text[2].formatted(broken));
                String fields = refused.body() == null || refused.body().get("errors") == null ? ""
                                : refused.body().get("errors").findValuesAsText("field").toString();
                if (refused.status() != 422 || !fields.equals("[" + text[3] + "]")) {
                    failures.add(text[1] + " " + broken + " -> " + refused.status() + " " + refused.raw());
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(positionsTaken()).isEqualTo(taken);
    }

    @Test
    void everyFreeTextHasALimitAndOneBeyondItIsRefusedNamingItsField() {
        long taken = positionsTaken();
        assertLimit("POST", "/api/cycles", """
                {"id": "strict-new", "name": "%s", "startDate": "2096-01-01", "endDate": "2096-06-30"}""",
                    "name", 200);
        assertLimit("POST", "/api/teams", """
                {"id": "strict-new-team", "name": "%s"}""", "name", 200);
        assertLimit("POST", "/api/initiatives", """
                {"cycleId": "strict-s1", "teamId": "strict-team", "title": "%s", "category": "KTLO"}""",
                    "title", 200);
        assertLimit("POST", "/api/initiatives", """
                {"cycleId": "strict-s1", "teamId": "strict-team", "title": "t", "description": "%s",
                 "category": "KTLO"}""", "description", 10_000);
        assertLimit("POST", "/api/initiatives/strict-i/drop", """
                {"reason": "%s"}""", "reason", 2_000);
        assertLimit("POST", "/api/objectives", """
                {"cycleId": "strict-s1", "title": "%s"}""", "title", 200);
        assertLimit("POST", "/api/objectives/strict-o/key-results", """
                {"title": "t", "metric": "m", "unit": "%s", "baseline": 1, "target": 2}""", "unit", 200);
        assertLimit("POST", "/api/objectives/strict-o/key-results/strict-kr/check-ins", """
                {"value": 5, "confidence": 0.5, "comment": "%s"}""", "comment", 2_000);
        assertLimit("POST", "/api/objectives/strict-o/reviews", """
                {"outcome": "KEEP", "reason": "%s"}""", "reason", 2_000);
        assertLimit("POST", "/api/lessons", """
                {"cycleId": "strict-s1", "text": "%s"}""", "text", 4_000);
        assertLimit("PUT", "/api/cycles/strict-s1/policy", """
                {"policy": {"buckets": [{"name": "%s", "categories": ["NEW_INITIATIVE", "KTLO", "TEAM_INITIATIVE"],
                                         "share": 100}], "tolerance": 5}, "reason": "r"}""", "policy.buckets", 200);
        assertThat(positionsTaken()).isEqualTo(taken);
    }

    @Test
    void reachIsAWholeNumber() {
        long taken = positionsTaken();
        HttpApi.Response refused = api.post("/api/initiatives/strict-i/score", """
                {"reach": 2000.5, "impact": 1, "confidence": 1, "effort": 1, "reason": "r"}""");
        assertProblem(refused, 422, "reach");
        assertThat(positionsTaken()).isEqualTo(taken);
        assertThat(api.post("/api/initiatives/strict-i/score", """
                {"reach": 2000.0, "impact": 1, "confidence": 1, "effort": 1, "reason": "r"}""").status())
                .isEqualTo(200);
    }

    @Test
    void anImportRowWhoseTextIsNoValidUnicodeOrTooLongIsARowProblemAndNothingIsImported() {
        long taken = positionsTaken();
        String file = "title,team,category,description,reason\n"
                      + "Fine,strict-team,KTLO,,\n"
                      + "Bad\u0000title,strict-team,KTLO,,\n"
                      + "Long reason,strict-team,KTLO,,"
                      + "r".repeat(2_001) + "\n"
                      + "Long description,strict-team,KTLO," + "d".repeat(10_001) + ",\n";
        HttpApi.Response refused = api.postFile("/api/cycles/strict-s1/imports", "text/csv", file);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
        List<String> problems = new ArrayList<>();
        refused.body().get("errors").forEach(error -> problems.add(error.get("line").asText() + " "
                                                                   + error.get("field").asText()));
        assertThat(problems).as(refused.raw()).containsExactly("3 title", "4 reason", "5 description");
        assertThat(positionsTaken()).isEqualTo(taken);
    }

    private static String local(Instant instant, ZoneOffset offset) {
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(instant.atOffset(offset).toLocalDateTime());
    }

    private HttpApi.Response cycle(String id, String start, String end) {
        return api.post("/api/cycles", """
                {"id": "%s", "name": "x", "startDate": "%s", "endDate": "%s"}""".formatted(id, start, end));
    }

    private void assertLimit(String method, String path, String body, String field, int limit) {
        HttpApi.Response refused = api.exchange(method, path, body.formatted("x".repeat(limit + 1)));
        assertProblem(refused, 422, field);
        assertThat(refused.body().get("detail").asText()).as(path + " " + field)
                .isEqualTo(field + " may be at most " + limit + " characters (was " + (limit + 1) + ")");
    }

    private static void assertProblem(HttpApi.Response response, int status, String field) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.body().get("errors").findValuesAsText("field")).as(response.raw()).containsExactly(field);
    }
}
