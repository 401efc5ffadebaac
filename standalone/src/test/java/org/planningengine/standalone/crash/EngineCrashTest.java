package org.planningengine.standalone.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planningengine.eventlog.testing.Await;
import org.planningengine.standalone.PlanningEngineApplication;
import org.planningengine.standalone.TestUsers;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole engine killed (SIGKILL) in the middle of a stream of writes, and again in the middle of a replay, at
 * several points: after each restart every acknowledged write is in the log, and every view equals a clean rebuild
 * of it from the log.
 */
class EngineCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> VIEWS = List.of("/api/cycles/crash-s1/roadmap", "/api/cycles/crash-s1/capacity",
                                                      "/api/cycles/crash-s1/okrs");

    @TempDir
    Path tempDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** An engine in a process of its own, on the data folder, with its HTTP port. */
    private record Engine(Process process, int port) {
    }

    private Engine start(Path dataDir, String name) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                             "-Xmx384m", "-cp", System.getProperty("java.class.path"),
                                             PlanningEngineApplication.class.getName(), "--server.port=" + port,
                                             "--planning.embedded-mongo.data-dir=" + dataDir)
                .redirectErrorStream(true).redirectOutput(tempDir.resolve(name + ".log").toFile()).start();
        Engine engine = new Engine(process, port);
        Await.until(name + " to serve", () -> {
            HttpResponse<String> health = get(engine, "/actuator/health");
            return health != null && health.statusCode() == 200;
        }, Duration.ofSeconds(90));
        return engine;
    }

    private static void kill(Engine engine) throws InterruptedException {
        engine.process().destroyForcibly();
        engine.process().waitFor(30, TimeUnit.SECONDS);
    }

    private HttpResponse<String> get(Engine engine, String path) {
        return send(engine, HttpRequest.newBuilder(URI.create("http://localhost:" + engine.port() + path)).GET());
    }

    private HttpResponse<String> post(Engine engine, String method, String path, String json) {
        return send(engine, HttpRequest.newBuilder(URI.create("http://localhost:" + engine.port() + path))
                                       .header("Content-Type", "application/json")
                                       .method(method, HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(Engine engine, HttpRequest.Builder request) {
        try {
            return http.send(request.header("Authorization", TestUsers.basic(TestUsers.TESTER))
                                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException down) {
            return null;
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The answers of every view once the views reflect the whole log (and no replay is under way). */
    private Map<String, String> settledViews(Engine engine) throws Exception {
        Await.until("the views to catch up", () -> {
            HttpResponse<String> status = get(engine, "/api/admin/projections/status");
            if (status == null || status.statusCode() != 200) {
                return false;
            }
            JsonNode answer = readTree(status.body());
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
            answers.put(view, get(engine, view).body());
        }
        return answers;
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException notJson) {
            throw new IllegalStateException(notJson);
        }
    }

    /**
     * Writes from another thread without pause, and kills the engine once this many writes were acknowledged, while
     * the writer is in the middle of its next ones; answers what each acknowledged write was.
     */
    private List<String> writeAndKill(Engine engine, int acknowledgements, int from) throws Exception {
        List<String> acknowledged = new CopyOnWriteArrayList<>();
        Thread writer = new Thread(() -> {
            for (int i = from; !Thread.currentThread().isInterrupted(); i++) {
                String id = "crash-" + i;
                if (accepted(post(engine, "POST", "/api/initiatives", """
                        {"id": "%s", "cycleId": "crash-s1", "teamId": "crash-team", "title": "%s", "category": "KTLO"}"""
                        .formatted(id, id)), 201)) {
                    acknowledged.add(id + " proposed");
                }
                if (accepted(post(engine, "POST", "/api/initiatives/" + id + "/score", """
                        {"reach": %d, "impact": 1, "confidence": 1, "effort": 1, "reason": "crash"}"""
                        .formatted(i + 1)), 200)) {
                    acknowledged.add(id + " scored " + (i + 1));
                }
                if (accepted(post(engine, "POST", "/api/cycles/crash-s1/teams/crash-team/allocations", """
                        {"initiativeId": "%s", "personWeeks": 1, "override": {"reason": "crash"}}""".formatted(id)),
                             200)) {
                    acknowledged.add(id + " allocated");
                }
            }
        });
        writer.start();
        Await.until(acknowledgements + " acknowledged writes", () -> acknowledged.size() >= acknowledgements,
                    Duration.ofSeconds(60));
        kill(engine);
        writer.interrupt();
        writer.join(30_000);
        return List.copyOf(acknowledged);
    }

    private static boolean accepted(HttpResponse<String> response, int status) {
        return response != null && response.statusCode() == status;
    }

    /** Every acknowledged write is in the log, as the initiatives' histories read it. */
    private void assertInTheLog(Engine engine, List<String> acknowledged) {
        for (String write : acknowledged) {
            String id = write.substring(0, write.indexOf(' '));
            HttpResponse<String> history = get(engine, "/api/initiatives/" + id + "/history");
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
        Engine engine = start(dataDir, "first");
        post(engine, "POST", "/api/cycles", """
                {"id": "crash-s1", "name": "Crash", "startDate": "2044-04-01", "endDate": "2044-09-30"}""");
        post(engine, "POST", "/api/teams", """
                {"id": "crash-team", "name": "Crash"}""");
        post(engine, "PUT", "/api/cycles/crash-s1/teams/crash-team/capacity", """
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
        post(engine, "POST", "/api/admin/projections/replay", "");
        Map<String, String> rebuilt = settledViews(engine);
        assertThat(rebuilt).as("views after restarts against a clean rebuild").isEqualTo(afterRestart);

        // Killed in the middle of a replay: after the restart the replay carries on to the same views.
        post(engine, "POST", "/api/admin/projections/replay", "");
        kill(engine);
        engine = start(dataDir, "after-kill-in-replay");
        try {
            assertThat(settledViews(engine)).as("views after a kill mid-replay").isEqualTo(rebuilt);
            assertInTheLog(engine, acknowledged);
        } finally {
            kill(engine);
        }
    }
}
