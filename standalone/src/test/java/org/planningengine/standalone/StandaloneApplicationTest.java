package org.planningengine.standalone;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planningengine.events.EventMetadata;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.eventlog.testing.Await;
import org.planningengine.standalone.embedded.EmbeddedMongoServer;
import org.planningengine.standalone.testdomain.CounterProjection;
import org.planningengine.standalone.testdomain.IncrementCounter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole engine in one JVM, on the embedded server with its H2 store, through the real driver and HTTP. */
@AutoConfigureObservability
@SpringBootTest(classes = PlanningEngineApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "planning.event-log.snapshot-threshold=5")
class StandaloneApplicationTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        registry.add("planning.embedded-mongo.data-dir", dataDir::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commands;
    @Autowired
    EventStore eventStore;
    @Autowired
    MongoDatabase database;
    @Autowired
    CounterProjection projection;
    @Autowired
    EmbeddedMongoServer embeddedMongoServer;
    @Autowired
    org.axonframework.config.Configuration axon;
    @Autowired
    Map<String, Serializer> serializers;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                         HttpResponse.BodyHandlers.ofString());
    }

    private String metrics() {
        try {
            return get("/actuator/prometheus").body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void runsOnTheEmbeddedServerKeepingItsDataInTheConfiguredFolder() throws Exception {
        assertThat(embeddedMongoServer.dataDirectory()).isEqualTo(dataDir.toRealPath());
        assertThat(dataDir.resolve(EmbeddedMongoServer.STORE_FILE_NAME)).exists();
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void serializesEverythingWithJacksonAndNeverWithXStream() {
        // XStream stays on the classpath only because the Mongo extension's saga store cannot load without it.
        assertThat(List.of(axon.serializer(), axon.eventSerializer(), axon.messageSerializer(),
                           ((MongoEventLog) axon.getComponent(EventStorageEngine.class)).getSnapshotSerializer()))
                .allSatisfy(serializer -> assertThat(serializer).isInstanceOf(JacksonSerializer.class));
        assertThat(serializers.values()).allSatisfy(serializer -> assertThat(serializer).isInstanceOf(JacksonSerializer.class));
    }

    @Test
    void everyEventCarriesActorReasonAndCorrelationIdFromItsCommand() {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new IncrementCounter("with-metadata"))
                                                  .withMetaData(MetaData.with(EventMetadata.ACTOR, "ada")
                                                                        .and(EventMetadata.REASON, "testing")));

        DomainEventMessage<?> event = eventStore.readEvents("with-metadata").next();

        assertThat(event.getMetaData()).containsEntry(EventMetadata.ACTOR, "ada")
                                       .containsEntry(EventMetadata.REASON, "testing")
                                       .containsKey(EventMetadata.CORRELATION_ID);
    }

    @Test
    void snapshotsAtTheThresholdAndLoadsFromTheSnapshot() {
        for (int i = 0; i < 12; i++) {
            commands.sendAndWait(new IncrementCounter("snapshotted"));
        }

        Document snapshot = database.getCollection(MongoEventLog.SNAPSHOTS_COLLECTION)
                                    .find(Filters.eq("_id", "snapshotted")).first();
        assertThat(snapshot).isNotNull();
        assertThat(snapshot.get("seq", Number.class).longValue()).isGreaterThanOrEqualTo(4);
        List<? extends DomainEventMessage<?>> loaded = eventStore.readEvents("snapshotted").asStream().toList();
        assertThat(loaded.get(0).getPayloadType().getSimpleName()).isEqualTo("CounterAggregate");
        assertThat(loaded).hasSizeLessThan(12);
        assertThat((Long) commands.sendAndWait(new IncrementCounter("snapshotted"))).isEqualTo(13L);
    }

    @Test
    void projectionsFollowTheLogAndMetricsAreExposedForPrometheus() throws Exception {
        for (int i = 0; i < 3; i++) {
            commands.sendAndWait(new IncrementCounter("projected"));
        }
        Await.until("the projection has handled the three increments", () -> projection.value("projected") == 3);

        Await.until("the lag of the plan views' segment sampled", () -> metrics()
                .contains("planning_projections_segment_lag{projection=\"plan\",segment=\"0\"}"));
        String metrics = metrics();

        assertThat(metrics).contains("planning_eventlog_gaps_given_up_total")
                           .contains("planning_projections_dead_letters{projection=\"plan\"}")
                           .contains("planning_eventlog_gaps_waiting")
                           .contains("planning_eventlog_gaps_oldest_age_seconds")
                           .contains("planning_eventlog_commits_moved_total")
                           .contains("commandBus_successCounter_total{payloadType=\"IncrementCounter\"}")
                           .containsPattern("eventProcessor_allTimer_seconds_count\\{payloadType=\"CounterIncremented\","
                                            + "processorName=\"counters\"} [1-9]");
    }
}
