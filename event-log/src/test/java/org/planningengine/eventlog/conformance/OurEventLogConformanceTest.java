package org.planningengine.eventlog.conformance;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.eventlog.serialization.EventSerialization;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("our event log")
class OurEventLogConformanceTest {

    /** Ours takes its positions first, then the insert is held: the hardest case for a reader. */
    private static final ConformanceScenarios.EngineUnderTest OURS = new ConformanceScenarios.EngineUnderTest() {
        @Override
        public EventStorageEngine create(MongoDatabase database) {
            return builder(database).build();
        }

        @Override
        public ConformanceScenarios.LateCommits lateCommits(MongoDatabase database) {
            return (events, release) -> new MongoEventLog(builder(database)) {
                @Override
                protected void insertCommit(Document commit) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    super.insertCommit(commit);
                }
            }.appendEvents(List.<EventMessage<?>>copyOf(events));
        }

        private MongoEventLog.Builder builder(MongoDatabase database) {
            return MongoEventLog.builder().database(database).eventSerializer(EventSerialization.serializer());
        }
    };

    private final ConformanceScenarios scenarios = new ConformanceScenarios(OURS, 10_000);

    @Test
    void deliversACommitThatBecomesVisibleLate() throws Exception {
        assertHeld(scenarios.lateCommit());
    }

    @Test
    void deliversABurstOfTenThousandEventsOnceEachInOrder() throws Exception {
        assertHeld(scenarios.burst());
    }

    @Test
    void keepsOneAggregateConsistentUnderEightConcurrentWriters() throws Exception {
        assertHeld(scenarios.concurrentAppendsToOneAggregate());
    }

    @Test
    void marksEveryReplayedEventAsAReplay() throws Exception {
        assertHeld(scenarios.replay());
    }

    private static void assertHeld(ConformanceScenarios.Outcome outcome) {
        System.out.println("our event log: " + outcome);
        assertThat(outcome.held()).as(outcome.detail()).isTrue();
    }
}
