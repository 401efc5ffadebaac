package org.planningengine.eventlog;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planningengine.eventlog.serialization.EventSerialization;
import org.planningengine.eventlog.testing.MongoTestServer;
import org.planningengine.eventlog.testing.TestEvents.CounterIncremented;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.planningengine.eventlog.testing.TestEvents.incremented;

/**
 * A branch of the log: its aggregates are the log's events up to the fork, then its own; its appends, snapshots,
 * idempotency keys and lookups are its own; the log and its readers never see them.
 */
class BranchTest {

    private static final Instant BEFORE = Instant.parse("2027-01-01T00:00:00Z");
    private static final Instant FORK = Instant.parse("2027-02-01T00:00:00Z");
    private static final Instant AFTER = Instant.parse("2027-03-01T00:00:00Z");

    private MongoDatabase database;
    private MongoEventLog log;
    private final Branch branch = new Branch("what-if", FORK);

    @BeforeEach
    void aLogWithEventsBeforeAndAfterTheFork() {
        database = MongoTestServer.newDatabase();
        log = MongoEventLog.builder().database(database).eventSerializer(EventSerialization.serializer())
                           .meterRegistry(new SimpleMeterRegistry()).batchSize(3).build();
        log.appendEvents(List.of(incremented("c-1", 0, BEFORE), incremented("c-1", 1, BEFORE),
                                 incremented("c-1", 2, BEFORE), incremented("c-1", 3, BEFORE)));
        log.appendEvents(List.of(incremented("c-1", 4, AFTER), incremented("c-2", 0, AFTER)));
    }

    private List<Long> sequences(String aggregateId) {
        return log.readEvents(aggregateId).asStream().map(DomainEventMessage::getSequenceNumber).toList();
    }

    private List<Long> onBranch(String aggregateId) {
        return log.onBranch(branch, () -> sequences(aggregateId));
    }

    @Test
    void anAggregateOnABranchIsTheLogsEventsUpToTheForkThenTheBranchsOwn() {
        assertThat(onBranch("c-1")).containsExactly(0L, 1L, 2L, 3L);
        assertThat(onBranch("c-2")).isEmpty();
        assertThat(log.onBranch(branch, () -> log.lastSequenceNumberFor("c-1"))).contains(3L);
        assertThat(log.onBranch(branch, () -> log.lastSequenceNumberFor("c-2"))).isEmpty();

        log.onBranch(branch, () -> {
            log.appendEvents(List.of(incremented("c-1", 4, AFTER), incremented("c-1", 5, AFTER)));
            return null;
        });

        assertThat(onBranch("c-1")).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(log.onBranch(branch, () -> log.lastSequenceNumberFor("c-1"))).contains(5L);
        assertThat(log.onBranch(branch, () -> log.readEvents("c-1").asStream().skip(4)
                                                 .map(event -> ((CounterIncremented) event.getPayload()))
                                                 .toList())).hasSize(2);
        // The log itself: as it was, its readers too.
        assertThat(sequences("c-1")).containsExactly(0L, 1L, 2L, 3L, 4L);
        try (Stream<? extends TrackedEventMessage<?>> all = log.readEvents(null, false)) {
            assertThat(all.count()).isEqualTo(6);
        }
        assertThat(log.branchEvents(branch, -1)).extracting(BranchEvent::position).containsExactly(0L, 1L);
        assertThat(log.branchEvents(branch, 0)).extracting(BranchEvent::position).containsExactly(1L);
    }

    @Test
    void aBranchsAppendsRaceAsTheLogsDo() {
        log.onBranch(branch, () -> {
            log.appendEvents(incremented("c-1", 4, AFTER));
            assertThatThrownBy(() -> log.appendEvents(incremented("c-1", 4, AFTER)))
                    .isInstanceOf(ConcurrencyException.class);
            return null;
        });
        // The failed insert left a tombstone: no position of the branch stays empty for its readers.
        assertThat(log.branchEvents(branch, -1)).extracting(BranchEvent::position).containsExactly(0L);
        log.onBranch(branch, () -> {
            log.appendEvents(incremented("c-1", 5, AFTER));
            return null;
        });
        assertThat(log.branchEvents(branch, -1)).extracting(BranchEvent::position).containsExactly(0L, 2L);
    }

    @Test
    void aSnapshotIsNeitherReadNorStoredOnABranch() {
        log.storeSnapshot(new GenericDomainEventMessage<>("Counter", "c-1", 4, new CounterIncremented("c-1", 99)));
        assertThat(log.readSnapshot("c-1")).isPresent();
        log.onBranch(branch, () -> {
            assertThat(log.readSnapshot("c-1")).isEmpty();
            log.storeSnapshot(new GenericDomainEventMessage<>("Counter", "c-1", 3, new CounterIncremented("c-1", 7)));
            return null;
        });
        assertThat(log.readSnapshot("c-1").orElseThrow().getSequenceNumber()).isEqualTo(4);
    }

    @Test
    void lookupsOnABranchFindWhatItHasAndTheLogWhatItHas() {
        log.onBranch(branch, () -> {
            log.appendEvents(incremented("c-3", 0, AFTER));
            assertThat(log.aggregatesStartingWith("c-")).containsExactlyInAnyOrder("c-1", "c-3");
            assertThat(log.positionOf("c-3", 0)).hasValue(0);
            assertThat(log.offBranch(() -> log.positionOf("c-3", 0))).isEmpty();
            return null;
        });
        assertThat(log.aggregatesStartingWith("c-")).containsExactlyInAnyOrder("c-1", "c-2");
        assertThat(log.lastSequenceNumberFor("c-3")).isEmpty();
    }

    @Test
    void aDroppedBranchIsGoneAndTheLogKeepsEverything() {
        log.onBranch(branch, () -> {
            log.appendEvents(incremented("c-1", 4, AFTER));
            return null;
        });
        log.dropBranch(branch);
        assertThat(log.branchEvents(branch, -1)).isEmpty();
        assertThat(onBranch("c-1")).containsExactly(0L, 1L, 2L, 3L);
        assertThat(sequences("c-1")).containsExactly(0L, 1L, 2L, 3L, 4L);
    }
}
