package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Check-ins that say when their value was measured, through HTTP, in a cycle of the first half of 2020 that is still
 * open: measured at an instant with an offset, an older measurement entered late, one measured when it is sent, and
 * the instants the rules refuse.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckInMeasuredAtTest extends HttpTestBase {

    private static final String CHECK_INS = "/api/objectives/mea-o/key-results/mea-kr/check-ins";

    /** An instant after the first check-in was recorded and before the second, late one was. */
    private String betweenTheRecordings;

    @BeforeAll
    void aKeyResultMeasuredTwiceOutOfOrder() {
        client();
        api.write("/api/cycles", """
                {"id": "mea-s1", "name": "Measured half", "startDate": "2020-01-01", "endDate": "2020-06-30"}""");
        api.write("/api/objectives", """
                {"id": "mea-o", "cycleId": "mea-s1", "title": "Measured"}""");
        api.write("/api/objectives/mea-o/key-results", """
                {"id": "mea-kr", "title": "To 100", "metric": "points", "unit": "points", "baseline": 0,
                 "target": 100}""");
        api.write("/api/objectives/mea-o/key-results", """
                {"id": "mea-now", "title": "Now", "metric": "points", "unit": "points", "baseline": 0,
                 "target": 100}""");
        awaitViews(api.write(CHECK_INS, """
                {"value": 40, "confidence": 0.8, "measuredAt": "2020-05-01T11:00:00+02:00"}"""));
        betweenTheRecordings = api.get("/api/cycles/mea-s1").body().get("asOf").asText();
        api.write(CHECK_INS, """
                {"value": 20, "confidence": 0.5, "comment": "March's figure, found late",
                 "measuredAt": "2020-03-01T09:00:00Z"}""");
        awaitViews(api.write("/api/objectives/mea-o/key-results/mea-now/check-ins", """
                {"value": 10, "confidence": 0.3}"""));
    }

    private JsonNode keyResult(String keyResultId, String query) {
        HttpApi.Response okrs = api.get("/api/cycles/mea-s1/okrs" + query);
        assertThat(okrs.status()).as(okrs.raw()).isEqualTo(200);
        for (JsonNode keyResult : okrs.body().get("objectives").get(0).get("keyResults")) {
            if (keyResult.get("keyResultId").asText().equals(keyResultId)) {
                return keyResult;
            }
        }
        throw new AssertionError("no key result " + keyResultId);
    }

    /** value and when it was measured, of every check-in in the order the trend lists them. */
    private static List<String> trend(JsonNode keyResult) {
        List<String> trend = new ArrayList<>();
        keyResult.get("confidenceTrend").forEach(checkIn -> trend.add(
                checkIn.get("value").asText() + " measured " + checkIn.get("measuredAt").asText()));
        return trend;
    }

    @Test
    void theTrendIsInTheOrderMeasuredAndTheLatestMeasurementStands() {
        JsonNode keyResult = keyResult("mea-kr", "");

        assertThat(trend(keyResult)).containsExactly("20 measured 2020-03-01T09:00:00Z",
                                                     "40 measured 2020-05-01T09:00:00Z");
        assertThat(keyResult.get("current").asText()).as("the late-entered March figure replaces nothing")
                                                     .isEqualTo("40");
        assertThat(keyResult.get("progress").decimalValue()).isEqualByComparingTo("0.4");
        assertThat(keyResult.get("confidence").decimalValue()).isEqualByComparingTo("0.8");
        assertThat(keyResult.get("measuredAt").asText()).isEqualTo("2020-05-01T09:00:00Z");
        assertThat(Instant.parse(keyResult.get("lastCheckInAt").asText()))
                .as("recorded when it was sent").isAfter(Instant.parse("2020-05-01T09:00:00Z"));
    }

    @Test
    void asOfAnInstantACheckInShowsOnceRecordedNotOnceMeasured() {
        assertThat(trend(keyResult("mea-kr", "?asOf=" + betweenTheRecordings)))
                .containsExactly("40 measured 2020-05-01T09:00:00Z");
    }

    @Test
    void withoutMeasuredAtACheckInIsMeasuredWhenTheEngineTakesItEvenAfterItsCyclesLastDay() {
        JsonNode keyResult = keyResult("mea-now", "");

        Instant measuredAt = Instant.parse(keyResult.get("measuredAt").asText());
        assertThat(measuredAt).as("the cycle ended on 2020-06-30; it is not closed")
                              .isAfter(Instant.parse("2020-07-01T00:00:00Z"));
        assertThat(keyResult.get("confidenceTrend").get(0).get("measuredAt").asText())
                .isEqualTo(keyResult.get("measuredAt").asText());
        assertThat(keyResult.get("current").asText()).isEqualTo("10");
    }

    @Test
    void aMeasurementInTheFutureOrAfterTheCyclesLastDayIsRefusedAndAppendsNothing() {
        long taken = positionsTaken();
        Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        HttpApi.Response future = api.post(CHECK_INS, """
                {"value": 50, "confidence": 0.5, "measuredAt": "%s"}""".formatted(tomorrow));
        HttpApi.Response afterTheCycle = api.post(CHECK_INS, """
                {"value": 50, "confidence": 0.5, "measuredAt": "2020-07-01T01:00:00+01:00"}""");

        assertThat(future.status()).as(future.raw()).isEqualTo(422);
        assertThat(future.body().get("detail").asText()).isEqualTo(
                "measuredAt " + tomorrow + " is in the future; a check-in records a value measured before it is sent");
        assertThat(future.body().get("errors").get(0).get("field").asText()).isEqualTo("measuredAt");
        assertThat(afterTheCycle.status()).as(afterTheCycle.raw()).isEqualTo(422);
        assertThat(afterTheCycle.body().get("detail").asText()).isEqualTo(
                "measuredAt 2020-07-01T00:00:00Z is after the last day of cycle mea-s1 (2020-06-30, UTC); a "
                + "check-in measures within its cycle or before it");
        assertThat(positionsTaken()).isEqualTo(taken);
    }

    @Test
    void aMeasuredAtThatIsNoInstantIsMalformed() {
        long taken = positionsTaken();
        for (String notAnInstant : List.of("\"2020-05-01T09:00:00\"", "\"2020-05-01\"", "1588323600", "\"soon\"")) {
            HttpApi.Response refused = api.post(CHECK_INS, """
                    {"value": 50, "confidence": 0.5, "measuredAt": %s}""".formatted(notAnInstant));

            assertThat(refused.status()).as(notAnInstant + ": " + refused.raw()).isEqualTo(400);
            assertThat(refused.body().get("detail").asText()).isEqualTo(
                    "measuredAt must be an instant such as 2027-05-01T09:30:00Z or 2027-05-01T11:30:00+02:00");
        }
        assertThat(positionsTaken()).isEqualTo(taken);
    }
}
