package org.planningengine.standalone.distributed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planningengine.commandside.CommandSideApplication;
import org.planningengine.eventlog.testing.Await;
import org.planningengine.query.roadmap.RoadmapViews;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.queryside.QuerySideApplication;
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
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distributed deployment on one machine: a MongoDB wire-protocol server on a loopback port, two command-side and
 * two query-side JVMs against it. Writes go through both command sides at once, to many aggregates and to one they
 * all contend for; a query side is killed (SIGKILL) in the middle. Every segment is held by exactly one query side,
 * the survivor takes the dead one's segments, and every acknowledged write is in the views exactly once, whichever
 * query side answers.
 */
class TwoOfEachTest {

    private static final int SEGMENTS = 4;
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(3);
    private static final int WRITERS = 6;
    private static final int INITIATIVES_PER_WRITER = 12;
    private static final String HOT = "two-hot";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path logs;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Node> nodes = new ArrayList<>();
    private MongoServer mongo;
    private MongoClient client;

    private record Node(String name, Process process, int port) {

        /** How the token store names this node as a segment's owner (Axon: the JVM's {@code pid@host}). */
        boolean owns(Document token) {
            return token.getString("owner") != null && token.getString("owner").startsWith(process.pid() + "@");
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Node node : nodes) {
            node.process().destroyForcibly();
            node.process().waitFor(30, TimeUnit.SECONDS);
        }
        if (client != null) {
            client.close();
        }
        if (mongo != null) {
            mongo.shutdownNow();
        }
    }

    @Test
    void twoOfEachSideShareTheWorkAndLoseNothingWhenAQuerySideDies() throws Exception {
        mongo = new MongoServer(new MemoryBackend());
        mongo.bind("127.0.0.1", 0);
        String uri = "mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort() + "/planning";
        client = MongoClients.create(uri);
        MongoDatabase database = client.getDatabase("planning");

        List<Node> commandSides = List.of(start("command-1", CommandSideApplication.class, uri),
                                          start("command-2", CommandSideApplication.class, uri));
        Node query1 = start("query-1", QuerySideApplication.class, uri);
        Node query2 = start("query-2", QuerySideApplication.class, uri);
        for (Node node : nodes) {
            awaitServing(node);
        }

        Await.until("every segment held, by exactly one query side each, and both holding some", () -> {
            List<Document> tokens = tokens(database);
            return tokens.size() == SEGMENTS
                   && tokens.stream().allMatch(token -> query1.owns(token) ^ query2.owns(token))
                   && tokens.stream().anyMatch(query1::owns) && tokens.stream().anyMatch(query2::owns);
        }, Duration.ofSeconds(60));

        write(commandSides.get(0), "POST", "/api/cycles", """
                {"id": "two-c", "name": "Two of each", "startDate": "2030-01-01", "endDate": "2030-06-30"}""");
        write(commandSides.get(1), "POST", "/api/teams", "{\"id\": \"two-team\", \"name\": \"Two\"}");
        write(commandSides.get(0), "POST", "/api/initiatives", """
                {"id": "%s", "cycleId": "two-c", "teamId": "two-team", "title": "Contended", "category": "KTLO"}"""
                .formatted(HOT));

        // Writers on both command sides: each proposes and scores initiatives of its own, and re-scores the one
        // they all contend for. Half way through, a query side is killed.
        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        List<Long> hotScores = Collections.synchronizedList(new ArrayList<>());
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            running.add(writers.submit(() -> {
                for (int i = 0; i < INITIATIVES_PER_WRITER; i++) {
                    Node side = commandSides.get((writer + i) % 2);
                    String id = "two-" + writer + "-" + i;
                    write(side, "POST", "/api/initiatives", """
                            {"id": "%s", "cycleId": "two-c", "teamId": "two-team", "title": "%s", "category": "KTLO"}"""
                            .formatted(id, id));
                    acknowledged.put(id, position(write(side, "POST", "/api/initiatives/" + id + "/score",
                                                        score(writer * 100 + i + 1))));
                    HttpResponse<String> hot = send(side, "POST", "/api/initiatives/" + HOT + "/score",
                                                    score(writer * 100 + i + 1));
                    if (hot.statusCode() == 200) {
                        hotScores.add(position(hot));
                    } else {
                        assertThat(hot.statusCode()).as(hot.body()).isEqualTo(409); // lost three races in a row
                    }
                }
                return null;
            }));
        }
        Await.until("half the writes acknowledged",
                    () -> acknowledged.size() >= WRITERS * INITIATIVES_PER_WRITER / 2, Duration.ofSeconds(120));
        query1.process().destroyForcibly();
        long killedAt = System.nanoTime();
        for (Future<?> writer : running) {
            writer.get(5, TimeUnit.MINUTES);
        }
        writers.shutdown();

        Await.until("the survivor to hold every segment",
                    () -> tokens(database).stream().filter(query2::owns).count() == SEGMENTS, Duration.ofSeconds(60));
        long handoverMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        System.out.printf("TwoOfEachTest: %d writes acknowledged through two command sides, %d of them to one "
                          + "contended initiative; the survivor held all %d segments %d ms after the kill "
                          + "(claim timeout %d ms)%n", acknowledged.size() * 2 + hotScores.size(), hotScores.size(),
                          SEGMENTS, handoverMillis, CLAIM_TIMEOUT.toMillis());

        long last = Collections.max(acknowledged.values());
        JsonNode roadmap = read(query2, "/api/cycles/two-c/roadmap?consistentWith=" + last);
        Map<String, Integer> listed = new HashMap<>();
        roadmap.get("items").forEach(item -> listed.merge(item.get("initiativeId").asText(), 1, Integer::sum));
        assertThat(listed.keySet()).containsAll(acknowledged.keySet()).contains(HOT);
        assertThat(listed.values()).as("each initiative listed once").containsOnly(1);
        for (JsonNode item : roadmap.get("items")) {
            String id = item.get("initiativeId").asText();
            if (!id.equals(HOT)) {
                int expected = Integer.parseInt(id.replaceAll("two-(\\d+)-(\\d+)", "$1")) * 100
                               + Integer.parseInt(id.replaceAll("two-(\\d+)-(\\d+)", "$2")) + 1;
                assertThat(item.get("rice").get("reach").asInt()).as(id).isEqualTo(expected);
            }
        }

        // Each initiative's view applied each of its events once, in order, none missed: versions 0, 1, ..., n.
        for (Document view : database.getCollection(RoadmapViews.INITIATIVES)
                                     .find(Filters.regex("_id", "^two-"))) {
            List<Long> versions = view.getList("versions", Document.class).stream()
                                      .map(version -> version.get("seq", Number.class).longValue()).toList();
            long lastSequence = view.get("seq", Number.class).longValue();
            assertThat(versions).as(view.getString("_id"))
                                .containsExactlyElementsOf(LongStream.rangeClosed(0, lastSequence).boxed().toList());
        }
        JsonNode hotHistory = read(query2, "/api/initiatives/" + HOT + "/history");
        long scoredInLog = 0;
        for (JsonNode event : hotHistory.get("events")) {
            scoredInLog += event.get("type").asText().equals("InitiativeScored") ? 1 : 0;
        }
        assertThat(scoredInLog).as("every acknowledged score of the contended one, and no other").isEqualTo(
                hotScores.size());

        // Both query sides answer alike while both live: start the dead one again and ask each.
        Node query3 = start("query-3", QuerySideApplication.class, uri);
        awaitServing(query3);
        String path = "/api/cycles/two-c/roadmap?consistentWith=" + Math.max(last, Collections.max(hotScores));
        assertThat(strip(read(query3, path))).isEqualTo(strip(read(query2, path)));
        Await.until("the restarted query side to take its share again",
                    () -> tokens(database).stream().anyMatch(query3::owns), Duration.ofSeconds(60));

        // A replay resets every segment, which a replica cannot do while another holds some: refused, nothing lost.
        HttpResponse<String> replay = send(query3, "POST", "/api/admin/projections/replay", null);
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(409);
        assertThat(replay.body()).contains("another query-side replica holds");
        assertThat(strip(read(query3, path))).isEqualTo(strip(read(query2, path)));
    }

    private static String score(int reach) {
        return "{\"reach\": %d, \"impact\": 1, \"confidence\": 1, \"effort\": 1, \"reason\": \"estimate\"}"
                .formatted(reach);
    }

    /** The answer without what tells when it was computed. */
    private static String strip(JsonNode answer) {
        ((ObjectNode) answer).remove("asOf");
        return answer.toString();
    }

    private List<Document> tokens(MongoDatabase database) {
        return database.getCollection("trackingtokens").find(Filters.eq("processorName", PlanProgress.GROUP))
                       .into(new ArrayList<>());
    }

    private Node start(String name, Class<?> application, String uri) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                             "-Xmx256m", "-XX:TieredStopAtLevel=1",
                                             "-cp", System.getProperty("java.class.path"), application.getName(),
                                             "--server.port=" + port, "--spring.data.mongodb.uri=" + uri,
                                             "--planning.query.segments=" + SEGMENTS,
                                             "--planning.query.claim-timeout=" + CLAIM_TIMEOUT.toMillis() + "ms",
                                             "--planning.security.users.tester.password=" + TestUsers.HASH,
                                             "--planning.security.users.tester.roles=ADMIN")
                .redirectErrorStream(true).redirectOutput(logs.resolve(name + ".log").toFile()).start();
        Node node = new Node(name, process, port);
        nodes.add(node);
        return node;
    }

    private void awaitServing(Node node) {
        Await.until(node.name() + " to serve", () -> {
            HttpResponse<String> health = send(node, "GET", "/actuator/health/readiness", null);
            return health != null && health.statusCode() == 200;
        }, Duration.ofSeconds(120));
    }

    private HttpResponse<String> write(Node side, String method, String path, String body) {
        HttpResponse<String> response = send(side, method, path, body);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 201);
        return response;
    }

    private JsonNode read(Node side, String path) throws IOException {
        HttpResponse<String> response = send(side, "GET", path, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static long position(HttpResponse<String> write) {
        return Long.parseLong(write.body().replaceAll(".*\"consistencyToken\":\"(\\d+)\".*", "$1"));
    }

    private HttpResponse<String> send(Node node, String method, String path, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + path))
                                        .header("Content-Type", "application/json")
                                        .header("Authorization", TestUsers.basic(TestUsers.TESTER))
                                        .timeout(Duration.ofSeconds(30))
                                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                                                     : HttpRequest.BodyPublishers.ofString(body))
                                        .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException down) {
            return null;
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
