package org.planningengine.standalone.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.planningengine.eventlog.testing.Await;
import org.planningengine.standalone.PlanningEngineApplication;
import org.planningengine.standalone.TestUsers;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The standalone engine in a process of its own on a data folder, its output in a log file, driven over HTTP as the
 * tests' administrator: for tests that kill it, or let it halt itself, and start it again on the same data.
 */
final class EngineProcess {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(120);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private EngineProcess(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts an engine on the data folder with these settings ({@code --name=value}), its log in {@code logs}. */
    static EngineProcess start(Path dataDir, Path logs, String name, String... settings) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                // The tests' engines serve a few hundred requests at most: the quick compiler alone starts them
                // sooner, as for the two-of-each test's JVMs.
                "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), PlanningEngineApplication.class.getName(),
                "--server.port=" + port, "--planning.embedded-mongo.data-dir=" + dataDir));
        command.addAll(List.of(settings));
        Path log = logs.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new EngineProcess(name, process, port, log);
    }

    /** Waits until it answers as alive ({@code /actuator/health/liveness}), whether its views caught up or not. */
    EngineProcess awaitLive() {
        awaitStatus("/actuator/health/liveness", 200);
        return this;
    }

    /** Waits until it is ready ({@code /actuator/health/readiness}): its views have caught up with the log. */
    EngineProcess awaitReady() {
        awaitStatus("/actuator/health/readiness", 200);
        return this;
    }

    private void awaitStatus(String path, int status) {
        Await.until(name + " to answer " + status + " at " + path + " (log: " + log + ")", () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + "; log: " + log());
            }
            HttpResponse<String> answer = get(path);
            return answer != null && answer.statusCode() == status;
        }, START);
    }

    /** The answer, or null when the engine did not answer (it is down, or died answering). */
    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    HttpResponse<String> send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                                 .header("Authorization", TestUsers.basic(TestUsers.TESTER))
                                                 .timeout(Duration.ofSeconds(30));
        request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                               : request.header("Content-Type", "application/json")
                                        .method(method, HttpRequest.BodyPublishers.ofString(json));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException down) {
            return null;
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Sends a write and insists on a 200 or 201. */
    HttpResponse<String> write(String method, String path, String json) {
        HttpResponse<String> answer = send(method, path, json);
        if (answer == null || answer.statusCode() < 200 || answer.statusCode() > 201) {
            throw new AssertionError(method + " " + path + " answered "
                                     + (answer == null ? "nothing" : answer.statusCode() + ": " + answer.body()));
        }
        return answer;
    }

    /** A JSON answer of a 200. */
    JsonNode json(String path) {
        HttpResponse<String> answer = get(path);
        if (answer == null || answer.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered "
                                     + (answer == null ? "nothing" : answer.statusCode() + ": " + answer.body()));
        }
        try {
            return JSON.readTree(answer.body());
        } catch (IOException notJson) {
            throw new AssertionError("GET " + path + " answered no JSON: " + answer.body(), notJson);
        }
    }

    /** SIGKILL, and waits for the process to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits for the process to end by itself and answers its exit status. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not exit; log: " + log);
        }
        return process.exitValue();
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException unreadable) {
            return "(unreadable: " + unreadable + ")";
        }
    }
}
