package org.planningengine.standalone.crash;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planningengine.eventlog.testing.Await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole engine killed (SIGKILL) in the middle of a stream of writes, and again in the middle of a replay, at
 * several points: after each restart every acknowledged write is in the log, and every view equals a clean rebuild
 * of it from the log.
 */
class EngineCrashTest {

    private static final List<String> VIEWS = List.of("/api/cycles/crash-s1/roadmap", "/api/cycles/crash-s1/capacity",
                                                      "/api/cycles/crash-s1/okrs");

    @TempDir
    Path tempDir;

    /**
     * Starts an engine on the data folder. A kill can land between an append's reservation and its commit; the
     * views then wait for the gap timeout before they move on, and the default's 60 s, on top of a start on a busy
     * machine, outlasted the wait for readiness in CI. The timeout itself is {@link AbandonedReservationCrashTest}'s
     * subject; here it is short.
     */
    private EngineProcess start(Path dataDir, String name) throws IOException {
        return EngineProcess.start(dataDir, tempDir, name, "--planning.event-log.gap-timeout=5s").awaitReady();
    }

    /** The answers of every view once the views reflect the whole log (and no replay is under way). */
    private Map<String, String> settledViews(EngineProcess engine) throws Exception {
        Await.until("the views to catch up", () -> {
            JsonNode answer = engine.json("/api/admin/projections/status");
            for (JsonNode projection : answer.get("projections")) {
                if (projection.get("name").asText().equals("plan")) {
                    // A processor that has not claimed its segments yet has no position.
                    return !projection.get("replaying").asBoolean() && !projection.get("position").isNull()
                           && projection.get("position").asLong() >= answer.get("head").asLong();
                }
            }
            return false;
        }, Duration.ofSeconds(60));
        Map<String, String> answers = new TreeMap<>();
        for (String view : VIEWS) {
            answers.put(view, engine.get(view).body());
        }
        return answers;
    }

    /**
     * Writes from another thread without pause, and kills the engine once this many writes were acknowledged, while
     * the writer is in the middle of its next ones; answers what each acknowledged write was.
     */
    private List<String> writeAndKill(EngineProcess engine, int acknowledgements, int from) throws Exception {
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        Thread writer = new Thread(() -> {
            for (int i = from; !Thread.currentThread().isInterrupted(); i++) {
                String id = "crash-" + i;
                if (accepted(engine.send("POST", "/api/initiatives", """
                        {"id": "%s", "cycleId": "crash-s1", "teamId": "crash-team", "title": "%s", "category": "KTLO"}"""
                        .formatted(id, id)), 201)) {
                    acknowledged.add(id + " proposed");
                }
                if (accepted(engine.send("POST", "/api/initiatives/" + id + "/score", """
                        {"reach": %d, "impact": 1, "confidence": 1, "effort": 1, "reason": "crash"}"""
                        .formatted(i + 1)), 200)) {
                    acknowledged.add(id + " scored " + (i + 1));
                }
                if (accepted(engine.send("POST", "/api/cycles/crash-s1/teams/crash-team/allocations", """
                        {"initiativeId": "%s", "personWeeks": 1, "override": {"reason": "crash"}}""".formatted(id)),
                             200)) {
                    acknowledged.add(id + " allocated");
                }
            }
        });
        writer.start();
        Await.until(acknowledgements + " acknowledged writes", () -> acknowledged.size() >= acknowledgements,
                    Duration.ofSeconds(60));
        engine.kill();
        writer.interrupt();
        writer.join(30_000);
        return List.copyOf(acknowledged);
    }

    private static boolean accepted(HttpResponse<String> response, int status) {
        return response != null && response.statusCode() == status;
    }

    /** Every acknowledged write is in the log, as the initiatives' histories read it. */
    private void assertInTheLog(EngineProcess engine, List<String> acknowledged) {
        for (String write : acknowledged) {
            String id = write.substring(0, write.indexOf(' '));
            HttpResponse<String> history = engine.get("/api/initiatives/" + id + "/history");
            assertThat(history.statusCode()).as(write).isEqualTo(200);
            String body = history.body();
            if (write.contains("scored")) {
                assertThat(body).as(write).contains("\"type\":\"InitiativeScored\"")
                                .contains("\"reach\":" + write.substring(write.lastIndexOf(' ') + 1));
            } else if (write.contains("allocated")) {
                assertThat(body).as(write).contains("\"type\":\"CapacityAllocated\"");
            }
        }
    }

    @Test
    void everyAcknowledgedWriteSurvivesKillsAndTheViewsEqualACleanRebuild() throws Exception {
        Path dataDir = tempDir.resolve("data");
        EngineProcess engine = start(dataDir, "first");
        engine.write("POST", "/api/cycles", """
                {"id": "crash-s1", "name": "Crash", "startDate": "2044-04-01", "endDate": "2044-09-30"}""");
        engine.write("POST", "/api/teams", """
                {"id": "crash-team", "name": "Crash"}""");
        engine.write("PUT", "/api/cycles/crash-s1/teams/crash-team/capacity", """
                {"personWeeks": 1000}""");
        List<String> acknowledged = new ArrayList<>();
        int next = 0;
        for (int killAfter : List.of(15, 40, 25)) {
            acknowledged.addAll(writeAndKill(engine, killAfter, next));
            next += 1000;
            engine = start(dataDir, "after-kill-" + killAfter);
            assertInTheLog(engine, acknowledged);
        }

        Map<String, String> afterRestart = settledViews(engine);
        engine.send("POST", "/api/admin/projections/replay", "");
        Map<String, String> rebuilt = settledViews(engine);
        assertThat(rebuilt).as("views after restarts against a clean rebuild").isEqualTo(afterRestart);

        // Killed in the middle of a replay: after the restart the replay carries on to the same views.
        engine.send("POST", "/api/admin/projections/replay", "");
        engine.kill();
        engine = start(dataDir, "after-kill-in-replay");
        try {
            assertThat(settledViews(engine)).as("views after a kill mid-replay").isEqualTo(rebuilt);
            assertInTheLog(engine, acknowledged);
        } finally {
            engine.kill();
        }
    }
}
