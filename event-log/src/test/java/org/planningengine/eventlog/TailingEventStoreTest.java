package org.planningengine.eventlog;

import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planningengine.eventlog.testing.MongoTestServer;
import org.planningengine.eventlog.testing.TestEvents.CounterIncremented;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.planningengine.eventlog.testing.TestEvents.incremented;

class TailingEventStoreTest {

    private MongoDatabase database;
    private TailingEventStore store;

    @BeforeEach
    void store() {
        database = MongoTestServer.newDatabase();
        store = storeOn(database, Duration.ofMinutes(10));
    }

    @AfterEach
    void shutDown() {
        store.shutDown();
    }

    /** A long poll interval, so that only a commit of this store can wake a reader in time. */
    private static TailingEventStore storeOn(MongoDatabase database, Duration pollInterval) {
        return new TailingEventStore(EmbeddedEventStore.builder()
                                                       .storageEngine(MongoEventLogTest.logOn(database,
                                                                                              Clock.systemUTC(), null))
                                                       .optimizeEventConsumption(false), pollInterval);
    }

    private static CompletableFuture<Boolean> waitFor(TrackingEventStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return stream.hasNextAvailable(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static long value(TrackedEventMessage<?> event) {
        return ((CounterIncremented) event.getPayload()).value();
    }

    @Test
    void readsEveryEventInOrderAndSaysWhenThereIsNoMore() throws Exception {
        store.publish(incremented("c-1", 0), incremented("c-1", 1));
        store.publish(incremented("c-2", 0));

        try (TrackingEventStream stream = store.openStream(null)) {
            List<Long> values = new ArrayList<>();
            while (stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
                values.add(value(stream.nextAvailable()));
            }
            assertThat(values).containsExactly(0L, 1L, 0L);
            assertThat(stream.peek()).isEmpty();
        }
    }

    @Test
    void aWaitingReaderWakesOnACommitOfItsStore() throws Exception {
        try (TrackingEventStream stream = store.openStream(null)) {
            CompletableFuture<Boolean> waiting = waitFor(stream);

            store.publish(incremented("c-1", 0));

            // The poll interval is ten minutes: only the commit's signal can answer within the minute.
            assertThat(waiting.get(60, TimeUnit.SECONDS)).isTrue();
            assertThat(value(stream.nextAvailable())).isZero();
        }
    }

    @Test
    void aReaderFindsCommitsOfAnotherEngineByPolling() throws Exception {
        TailingEventStore polling = storeOn(database, Duration.ofMillis(20));
        TailingEventStore otherEngine = storeOn(database, Duration.ofMinutes(10));
        try (TrackingEventStream stream = polling.openStream(null)) {
            assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
            CompletableFuture<Boolean> waiting = waitFor(stream);

            otherEngine.publish(incremented("c-1", 0));

            assertThat(waiting.get(60, TimeUnit.SECONDS)).isTrue();
            assertThat(value(stream.nextAvailable())).isZero();
        } finally {
            polling.shutDown();
            otherEngine.shutDown();
        }
    }
}
