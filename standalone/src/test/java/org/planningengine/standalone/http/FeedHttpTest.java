package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.standalone.TestUsers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The event feed over HTTP: pages after a cursor, and the live stream of server-sent events. */
class FeedHttpTest extends HttpTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private void plan(String cycle) {
        api.write("/api/cycles", """
                {"id": "%s", "name": "Feed", "startDate": "2033-04-01", "endDate": "2033-09-30"}""".formatted(cycle));
        api.write("/api/teams", """
                {"id": "%s-team", "name": "Feeders"}""".formatted(cycle));
        api.replace("/api/cycles/%s/teams/%s-team/capacity".formatted(cycle, cycle), """
                {"personWeeks": 20}""");
        api.write("/api/initiatives", """
                {"id": "%s-search", "cycleId": "%s", "teamId": "%s-team", "title": "Search", "category": "KTLO"}"""
                .formatted(cycle, cycle, cycle));
        api.write("/api/initiatives/%s-search/score".formatted(cycle), """
                {"reach": 400, "impact": 2, "confidence": 0.5, "effort": 4, "reason": "first guess"}""");
    }

    @Test
    void aCyclesEventsPagedInOrderWithTheirSubjectsAndWhoAndWhy() {
        plan("feed-a");
        List<JsonNode> events = new ArrayList<>();
        String cursor = "";
        JsonNode page;
        do {
            HttpApi.Response answer = api.as("viewer").get("/api/feed?cycle=feed-a&limit=2" + cursor);
            assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
            page = answer.body();
            assertThat(page.get("events").size()).isLessThanOrEqualTo(2);
            page.get("events").forEach(events::add);
            cursor = "&after=" + page.get("next").asLong();
        } while (!page.get("caughtUp").asBoolean());

        assertThat(events).extracting(event -> event.get("type").asText()).containsExactly(
                "CycleStarted", "TeamCapacitySet", "InitiativeProposed", "InitiativeScored");
        assertThat(events).extracting(event -> event.get("position").asLong()).isSorted().doesNotHaveDuplicates();
        JsonNode score = events.get(3);
        assertThat(score.get("actor").asText()).isEqualTo(TestUsers.TESTER);
        assertThat(score.get("reason").asText()).isEqualTo("first guess");
        assertThat(score.get("correlationId").asText()).isNotBlank();
        assertThat(score.get("version").asInt()).isEqualTo(1);
        assertThat(score.get("subject").toString()).isEqualTo(
                "{\"kind\":\"initiative\",\"id\":\"feed-a-search\",\"cycleId\":\"feed-a\",\"teamId\":\"feed-a-team\"}");
        assertThat(score.get("data").get("score").decimalValue()).isEqualByComparingTo("100");
        assertThat(events.get(1).get("subject").get("kind").asText()).isEqualTo("teamPlan");
    }

    @Test
    void theWholeFeedFromTheStartHoldsEveryEventOfTheLogOnce() {
        plan("feed-b");
        List<Long> positions = new ArrayList<>();
        String cursor = "";
        JsonNode page;
        do {
            page = api.get("/api/feed?limit=1000" + cursor).body();
            page.get("events").forEach(event -> positions.add(event.get("position").asLong()));
            cursor = "&after=" + page.get("next").asLong();
        } while (!page.get("caughtUp").asBoolean());

        long stored = 0;
        for (Document commit : database.getCollection(MongoEventLog.EVENTS_COLLECTION).find()) {
            stored += commit.getList("events", Document.class).size();
        }
        assertThat(positions).isSorted().doesNotHaveDuplicates().hasSize((int) stored);
    }

    @Test
    void badQuestionsAreProblemsNotEmptyFeeds() {
        assertProblem(api.get("/api/feed?types=scored"), 400, "scored");
        assertProblem(api.get("/api/feed?cycle=no-such-cycle"), 404, "no-such-cycle");
        assertProblem(api.get("/api/feed?limit=0"), 422, "limit");
        assertProblem(api.get("/api/feed?limit=1001"), 422, "limit");
        assertProblem(api.get("/api/feed?after=later"), 400, "after");
        assertProblem(api.get("/api/feed?since=3"), 400, "since");
        assertThat(api.anonymous().get("/api/feed").status()).isEqualTo(401);
    }

    @Test
    void theStreamSendsEachEventAsItHappensAndResumesAfterTheLastOneReceived() throws Exception {
        plan("feed-c");
        try (Sse stream = new Sse("?types=InitiativeScored&cycle=feed-c", null)) {
            JsonNode first = stream.next();
            assertThat(first.get("subject").get("id").asText()).isEqualTo("feed-c-search");
            api.write("/api/initiatives/feed-c-search/score", """
                    {"reach": 800, "impact": 2, "confidence": 0.5, "effort": 4, "reason": "more users"}""");
            JsonNode second = stream.next();
            assertThat(second.get("data").get("reach").asInt()).isEqualTo(800);
            assertThat(stream.lastId).isEqualTo(second.get("position").asText());
            api.write("/api/initiatives/feed-c-search/score", """
                    {"reach": 900, "impact": 2, "confidence": 0.5, "effort": 4, "reason": "even more"}""");
            assertThat(stream.next().get("data").get("reach").asInt()).isEqualTo(900);

            try (Sse resumed = new Sse("?types=InitiativeScored&cycle=feed-c", second.get("position").asText())) {
                assertThat(resumed.next().get("data").get("reach").asInt()).as("the event after the last one")
                                                                           .isEqualTo(900);
            }
        }
    }

    private static void assertProblem(HttpApi.Response answer, int status, String named) {
        assertThat(answer.status()).as(answer.raw()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().get("detail").asText()).contains(named);
    }

    /** A client of the live stream: the events it receives, in order, with the id of the last. */
    private final class Sse implements AutoCloseable {

        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final CompletableFuture<HttpResponse<Stream<String>>> response;
        String lastId;

        Sse(String query, String lastEventId) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/feed"
                                                                            + query))
                    .header("Accept", "text/event-stream")
                    .header("Authorization", TestUsers.basic("viewer"));
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = HttpClient.newHttpClient().sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
            response.thenAccept(answer -> {
                assertThat(answer.statusCode()).isEqualTo(200);
                answer.body().forEach(lines::add);
            });
        }

        /** The next event's data; its id kept. Waits for it as long as a test may. */
        JsonNode next() throws Exception {
            String event = null;
            String data = null;
            while (data == null || event == null) {
                String line = lines.poll(30, TimeUnit.SECONDS);
                assertThat(line).as("an event within 30 s").isNotNull();
                if (line.startsWith("id:")) {
                    lastId = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data = line.substring(5).strip();
                }
            }
            JsonNode parsed = JSON.readTree(data);
            assertThat(parsed.get("type").asText()).isEqualTo(event);
            assertThat(parsed.get("position").asText()).isEqualTo(lastId);
            return parsed;
        }

        @Override
        public void close() {
            response.cancel(true);
            response.thenAccept(answer -> answer.body().close());
        }
    }
}
