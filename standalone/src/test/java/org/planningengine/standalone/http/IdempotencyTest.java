package org.planningengine.standalone.http;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.initiative.InitiativeProposed;
import org.planningengine.events.initiative.InitiativeScored;
import org.planningengine.eventlog.testing.MongoTestServer;
import org.planningengine.standalone.PlanningEngineApplication;
import org.planningengine.standalone.TestUsers;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A write retried under the same {@code Idempotency-Key} is made once and answered alike, from any replica and after
 * a restart; the same key with another request is refused.
 */
class IdempotencyTest {

    private static final int THREADS = 8;
    private static final int RETRIES = 1000;

    private final HttpClient http = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext engine(String mongoUri) {
        return new SpringApplicationBuilder(PlanningEngineApplication.class)
                .run("--server.port=0", "--spring.data.mongodb.uri=" + mongoUri, "--spring.application.name=replica");
    }

    private static int portOf(ConfigurableApplicationContext engine) {
        return Integer.parseInt(engine.getEnvironment().getProperty("local.server.port"));
    }

    private HttpResponse<String> post(int port, String path, String key, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                                 .header("Content-Type", "application/json")
                                                 .header("Authorization", TestUsers.basic(TestUsers.TESTER))
                                                 .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aThousandRetriesFromEightThreadsOnTwoReplicasMakeOneWriteAndOneAnswer() throws Exception {
        String uri = MongoTestServer.connectionString() + "/idempotency";
        String propose = """
                {"cycleId": "idem-s1", "teamId": "idem-team", "title": "Exactly once", "category": "KTLO"}""";
        String score = """
                {"reach": 10, "impact": 1, "confidence": 1, "effort": 1, "reason": "once"}""";
        Set<String> answers = new HashSet<>();
        String initiativeId;
        try (ConfigurableApplicationContext one = engine(uri); ConfigurableApplicationContext two = engine(uri)) {
            List<Integer> replicas = List.of(portOf(one), portOf(two));
            post(replicas.get(0), "/api/cycles", null, """
                    {"id": "idem-s1", "name": "Once", "startDate": "2039-04-01", "endDate": "2039-09-30"}""");
            post(replicas.get(0), "/api/teams", null, """
                    {"id": "idem-team", "name": "Once"}""");

            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(THREADS);
            List<Future<HttpResponse<String>>> retries = new ArrayList<>();
            try {
                for (int i = 0; i < RETRIES; i++) {
                    int replica = replicas.get(i % 2);
                    retries.add(threads.submit(() -> {
                        start.await();
                        return post(replica, "/api/initiatives", "propose-once", propose);
                    }));
                }
                start.countDown();
                for (Future<HttpResponse<String>> retry : retries) {
                    HttpResponse<String> answer = retry.get();
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
                    answers.add(answer.body());
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(answers).as("every retry answered as the first").hasSize(1);
            initiativeId = answers.iterator().next().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");

            List<? extends DomainEventMessage<?>> events = one.getBean(EventStore.class)
                                                    .readEvents("initiative:" + initiativeId).asStream().toList();
            assertThat(events).hasSize(1);
            assertThat(events.get(0).getPayload()).isInstanceOf(InitiativeProposed.class);
            assertThat(events.get(0).getMetaData()).containsEntry(EventMetadata.IDEMPOTENCY_KEY, "propose-once");

            HttpResponse<String> otherBody = post(replicas.get(1), "/api/initiatives", "propose-once",
                                                  propose.replace("Exactly once", "Something else"));
            assertThat(otherBody.statusCode()).isEqualTo(422);
            assertThat(otherBody.body()).contains("Idempotency-Key propose-once was used for another request");

            assertThat(post(replicas.get(0), "/api/initiatives/" + initiativeId + "/score", "score-once", score)
                               .statusCode()).isEqualTo(200);
        }

        // A new engine on the same log, as after a restart: the keys are in the log, not in anyone's memory.
        try (ConfigurableApplicationContext restarted = engine(uri)) {
            HttpResponse<String> again = post(portOf(restarted), "/api/initiatives", "propose-once", propose);
            assertThat(again.statusCode()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(answers.iterator().next());
            post(portOf(restarted), "/api/initiatives/" + initiativeId + "/score", "score-once", score);
            assertThat(restarted.getBean(EventStore.class).readEvents("initiative:" + initiativeId).asStream()
                                .filter(event -> event.getPayload() instanceof InitiativeScored).count())
                    .isEqualTo(1);
        }
    }
}
