package org.planningengine.eventlog.conformance;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.planningengine.eventlog.serialization.EventSerialization;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same scenarios against the Axon Mongo extension's {@link MongoEventStorageEngine} on the same server. What it
 * does is a finding, not a failure: it is recorded in {@code target/conformance/mongo-extension.md} and stated in
 * docs/decisions/0001-event-log.md. The test fails only if a scenario cannot be run at all.
 */
@DisplayName("the Axon Mongo extension's event storage engine (findings)")
class MongoExtensionConformanceTest {

    /** It tracks by timestamp, so a late commit is one stamped before the events readers have already passed. */
    private static final ConformanceScenarios.EngineUnderTest EXTENSION = new ConformanceScenarios.EngineUnderTest() {
        @Override
        public EventStorageEngine create(MongoDatabase database) {
            return MongoEventStorageEngine.builder()
                                          .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database).build())
                                          .eventSerializer(EventSerialization.serializer())
                                          .snapshotSerializer(EventSerialization.serializer())
                                          .build();
        }

        @Override
        public ConformanceScenarios.LateCommits lateCommits(MongoDatabase database) {
            EventStorageEngine engine = create(database);
            return (events, release) -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                engine.appendEvents(events);
            };
        }
    };

    private static final List<ConformanceScenarios.Outcome> FINDINGS = new ArrayList<>();
    /**
     * A smaller burst than ours: the extension's tracking reads filter on timestamp and sequence, whose compound
     * index the embedded server does not implement, so each read scans the log, and 10,000 events took from 20 s to
     * over 5 minutes from one run to the next. A finding of its behaviour needs no more than this.
     */
    private final ConformanceScenarios scenarios = new ConformanceScenarios(EXTENSION, 2_000);

    @Test
    void lateCommit() throws Exception {
        record(scenarios.lateCommit());
    }

    @Test
    void burst() throws Exception {
        record(scenarios.burst());
    }

    @Test
    void concurrentAppendsToOneAggregate() throws Exception {
        record(scenarios.concurrentAppendsToOneAggregate());
    }

    @Test
    void replay() throws Exception {
        record(scenarios.replay());
    }

    private static void record(ConformanceScenarios.Outcome outcome) {
        System.out.println("axon-mongo MongoEventStorageEngine: " + outcome);
        assertThat(outcome.detail()).isNotBlank();
        synchronized (FINDINGS) {
            FINDINGS.add(outcome);
        }
    }

    @AfterAll
    static void writeFindings() throws IOException {
        Path file = Path.of("target", "conformance", "mongo-extension.md");
        Files.createDirectories(file.getParent());
        List<String> lines = new ArrayList<>(List.of("| scenario | result | what happened |", "| --- | --- | --- |"));
        FINDINGS.forEach(outcome -> lines.add(outcome.toString()));
        Files.write(file, lines);
    }
}
