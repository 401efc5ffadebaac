package org.planningengine.standalone.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.eventlog.config.EventLogAutoConfiguration;
import org.planningengine.eventlog.testing.Await;
import org.planningengine.standalone.embedded.EmbeddedMongoServer;
import org.planningengine.standalone.embedded.EmbeddedMongoSettings;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine killed on purpose inside the window between reserving a log position and committing there
 * ({@code planning.event-log.halt-after-reserving}, a test-only fault): started again, it is alive but not ready,
 * and shows the position it waits for, as long as the log's clock says the reservation is younger than the gap
 * timeout; once it is older, whichever start finds it closes the position, and the views, their {@code asOf} and
 * {@code consistentWith} move on. The first restart runs with a gap timeout of an hour, so that the wait is seen
 * whatever the machine's speed; the second with five seconds.
 */
class AbandonedReservationCrashTest {

    private static final String ROADMAP = "/api/cycles/halt-s1/roadmap";
    private static final String STATUS = "/api/admin/projections/status";

    @TempDir
    Path tempDir;

    private static String initiative(String id) {
        return """
                {"id": "%s", "cycleId": "halt-s1", "teamId": "halt-team", "title": "%s", "category": "KTLO"}"""
                .formatted(id, id);
    }

    private static long position(HttpResponse<String> write) {
        return Long.parseLong(write.body().replaceAll(".*\"consistencyToken\":\"(\\d+)\".*", "$1"));
    }

    private static JsonNode plan(JsonNode status) {
        for (JsonNode projection : status.get("projections")) {
            if (projection.get("name").asText().equals("plan")) {
                return projection;
            }
        }
        throw new AssertionError("no plan projection in " + status);
    }

    private static List<String> items(JsonNode roadmap) {
        List<String> ids = new ArrayList<>();
        roadmap.get("items").forEach(item -> ids.add(item.get("initiativeId").asText()));
        return ids;
    }

    @Test
    void aPositionLeftEmptyByAKillIsWaitedForVisiblyThenClosedByTheLogsClockAndTheViewsMoveOn() throws Exception {
        Path dataDir = tempDir.resolve("data");
        EngineProcess engine = EngineProcess.start(dataDir, tempDir, "first").awaitReady();
        engine.write("POST", "/api/cycles", """
                {"id": "halt-s1", "name": "Halt", "startDate": "2045-04-01", "endDate": "2045-09-30"}""");
        engine.write("POST", "/api/teams", """
                {"id": "halt-team", "name": "Halt"}""");
        engine.write("POST", "/api/initiatives", initiative("before"));
        engine.kill();

        engine = EngineProcess.start(dataDir, tempDir, "halting", "--planning.event-log.halt-after-reserving=true")
                              .awaitReady();
        assertThat(engine.send("POST", "/api/initiatives", initiative("halted"))).as("no answer from the dead")
                                                                                  .isNull();
        assertThat(engine.awaitExit()).isEqualTo(EventLogAutoConfiguration.HALTED_AFTER_RESERVING);
        assertThat(engine.log()).contains("Halting after reserving positions");

        // A read that waits for a write behind the held position can only time out: it gives up after a second.
        EngineProcess held = EngineProcess.start(dataDir, tempDir, "held", "--planning.event-log.gap-timeout=1h",
                                                 "--planning.query.consistency-wait=1s").awaitLive();
        Await.until("the restarted engine to wait for the empty position",
                    () -> held.json(STATUS).get("gaps").get("waiting").asInt() == 1, Duration.ofSeconds(60));
        long abandoned = held.json(STATUS).get("gaps").get("oldestPosition").asLong();
        HttpResponse<String> readiness = held.get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
        assertThat(readiness.body()).contains("OUT_OF_SERVICE");
        assertThat(held.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(held.get("/actuator/health").statusCode()).as("the whole health shows readiness").isEqualTo(503);
        Instant heldAsOf = Instant.parse(held.json(ROADMAP).get("asOf").asText());
        HttpResponse<String> after = held.write("POST", "/api/initiatives", initiative("after"));
        assertThat(position(after)).isGreaterThan(abandoned);
        HttpResponse<String> waited = held.get(ROADMAP + "?consistentWith=" + position(after));
        assertThat(waited.statusCode()).as("held by the empty position: " + waited.body()).isEqualTo(504);
        JsonNode plan = plan(held.json(STATUS));
        assertThat(plan.get("position").asLong()).isLessThan(abandoned);
        assertThat(plan.get("lag").asLong()).isPositive();
        assertThat(Instant.parse(held.json(ROADMAP).get("asOf").asText())).isEqualTo(heldAsOf);
        assertThat(held.get("/actuator/prometheus").body()).contains("planning_eventlog_gaps_waiting 1.0");
        held.kill();

        EngineProcess movedOn = EngineProcess.start(dataDir, tempDir, "moved-on",
                                                    "--planning.event-log.gap-timeout=5s").awaitReady();
        try {
            HttpResponse<String> read = movedOn.get(ROADMAP + "?consistentWith=" + position(after));
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            JsonNode roadmap = movedOn.json(ROADMAP);
            assertThat(items(roadmap)).containsExactlyInAnyOrder("before", "after");
            assertThat(Instant.parse(roadmap.get("asOf").asText())).isAfter(heldAsOf);
            JsonNode status = movedOn.json(STATUS);
            assertThat(plan(status).get("lag").asLong()).as(status.toString()).isZero();
            assertThat(status.get("gaps").get("waiting").asInt()).isZero();
            assertThat(movedOn.get("/actuator/prometheus").body()).contains("planning_eventlog_gaps_given_up_total 1.0");
        } finally {
            movedOn.kill();
        }

        try (EmbeddedMongoServer reopened = EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(dataDir, 0));
             MongoClient client = MongoClients.create(reopened.connectionString())) {
            Document tombstone = client.getDatabase("planning").getCollection(MongoEventLog.EVENTS_COLLECTION)
                                       .find(Filters.eq("_id", abandoned)).first();
            assertThat(tombstone).as("the position closed for good").isNotNull();
            assertThat(tombstone.getString("closed")).isEqualTo("abandoned");
            assertThat(tombstone.getList("events", Document.class)).isEmpty();
        }
    }
}
