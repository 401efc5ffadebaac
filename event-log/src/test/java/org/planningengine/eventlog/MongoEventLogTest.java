package org.planningengine.eventlog;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import com.mongodb.MongoException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.planningengine.events.EventMetadata;
import org.planningengine.eventlog.serialization.EventSerialization;
import org.planningengine.eventlog.testing.MongoTestServer;
import org.planningengine.eventlog.testing.TestEvents;
import org.planningengine.eventlog.testing.TestEvents.CounterIncremented;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.planningengine.eventlog.testing.TestEvents.incremented;

class MongoEventLogTest {

    private MongoDatabase database;
    private MongoEventLog log;

    @BeforeEach
    void newDatabase() {
        database = MongoTestServer.newDatabase();
        log = logOn(database, Clock.systemUTC(), null);
    }

    /** The log, with an optional stand-in for the single insert that makes a commit visible. */
    static MongoEventLog logOn(MongoDatabase database, Clock clock, Consumer<Document> insert) {
        MongoEventLog.Builder builder = MongoEventLog.builder()
                                                     .database(database)
                                                     .eventSerializer(EventSerialization.serializer())
                                                     .clock(clock)
                                                     .meterRegistry(new SimpleMeterRegistry())
                                                     .batchSize(10);
        if (insert == null) {
            return builder.build();
        }
        return new MongoEventLog(builder) {
            @Override
            protected void insertCommit(Document commit) {
                insert.accept(commit);
            }
        };
    }

    private List<TrackedEventMessage<?>> readAll(TrackingToken from) {
        try (Stream<? extends TrackedEventMessage<?>> stream = log.readEvents(from, false)) {
            return stream.<TrackedEventMessage<?>>map(m -> m).toList();
        }
    }

    private static long position(TrackedEventMessage<?> message) {
        return message.trackingToken().position().orElseThrow();
    }

    @Nested
    @DisplayName("appending and loading an aggregate")
    class Loading {

        @Test
        void loadsEveryEventInSequenceAcrossCommitsAndBatches() {
            for (int commit = 0; commit < 5; commit++) {
                int base = commit * 5;
                log.appendEvents(IntStream.range(base, base + 5).mapToObj(s -> incremented("c-1", s)).toList());
            }
            log.appendEvents(incremented("c-2", 0));

            List<Long> sequences = log.readEvents("c-1").asStream().map(DomainEventMessage::getSequenceNumber).toList();

            assertThat(sequences).containsExactlyElementsOf(IntStream.range(0, 25).mapToObj(i -> (long) i).toList());
            assertThat(log.readEvents("c-1", 17).asStream().map(DomainEventMessage::getSequenceNumber).findFirst())
                    .contains(17L);
            assertThat(log.lastSequenceNumberFor("c-1")).contains(24L);
            assertThat(log.lastSequenceNumberFor("c-2")).contains(0L);
            assertThat(log.lastSequenceNumberFor("nobody")).isEmpty();
        }

        @Test
        void findsTheGlobalPositionOfAnAggregateEventByItsKey() {
            log.appendEvents(incremented("c-1", 0));
            log.appendEvents(incremented("c-2", 0), incremented("c-1", 1), incremented("c-2", 1));
            List<Long> tracked = readAll(null).stream().map(MongoEventLogTest::position).toList();

            assertThat(log.positionOf("c-1", 0)).hasValue(tracked.get(0));
            assertThat(log.positionOf("c-1", 1)).hasValue(tracked.get(2));
            assertThat(log.positionOf("c-2", 1)).hasValue(tracked.get(3));
            assertThat(log.positionOf("c-1", 2)).isEmpty();
            assertThat(log.positionOf("nobody", 0)).isEmpty();
        }

        @Test
        void answersThePositionsOfItsOwnCommitsFromMemoryAndThoseOfAnotherNodeFromTheLog() {
            MongoEventLog otherNode = logOn(database, Clock.systemUTC(), null);
            log.appendEvents(incremented("c-1", 0), incremented("c-2", 0));
            otherNode.appendEvents(incremented("c-1", 1));
            List<Long> tracked = readAll(null).stream().map(MongoEventLogTest::position).toList();

            assertThat(log.positionOf("c-1", 1)).hasValue(tracked.get(2));
            // with the stored commits gone, only what the log appended itself is still answered
            database.getCollection(MongoEventLog.EVENTS_COLLECTION).deleteMany(new Document());
            assertThat(log.positionOf("c-1", 0)).hasValue(tracked.get(0));
            assertThat(log.positionOf("c-2", 0)).hasValue(tracked.get(1));
            assertThat(log.positionOf("c-1", 1)).isEmpty();
            assertThat(otherNode.positionOf("c-1", 1)).hasValue(tracked.get(2));
            assertThat(otherNode.positionOf("c-1", 0)).isEmpty();
        }

        @Test
        void remembersNoPositionOfACommitWhoseInsertFailed() {
            MongoEventLog failing = logOn(database, Clock.systemUTC(), commit -> {
                throw new MongoException("connection reset");
            });

            assertThatThrownBy(() -> failing.appendEvents(incremented("c-1", 0))).isInstanceOf(Exception.class);

            assertThat(failing.positionOf("c-1", 0)).isEmpty();
        }

        @Test
        void tellsTheTimeOfTheEventAtAPositionInsideACommitOfManyAndBeforeTheFirst() {
            Instant start = Instant.parse("2027-03-01T09:00:00Z");
            log.appendEvents(incremented("c-1", 0, start));
            log.appendEvents(IntStream.range(0, 40).mapToObj(s -> incremented("c-2", s, start.plusSeconds(1 + s)))
                                      .toList());
            log.appendEvents(incremented("c-1", 1, start.plusSeconds(100)));
            List<Long> tracked = readAll(null).stream().map(MongoEventLogTest::position).toList();

            assertThat(log.timestampAt(-1)).isEmpty();
            assertThat(log.timestampAt(tracked.get(0))).contains(start);
            assertThat(log.timestampAt(tracked.get(3))).contains(start.plusSeconds(3));
            // Further into its commit than the window of keys looked up: found by the range query.
            assertThat(log.timestampAt(tracked.get(40))).contains(start.plusSeconds(40));
            assertThat(log.timestampAt(tracked.get(41))).contains(start.plusSeconds(100));
            assertThat(log.timestampAt(tracked.get(41) + 5)).contains(start.plusSeconds(100));
        }

        @Test
        void keepsPayloadMetadataAndTimestampExactly() {
            Instant stamped = Instant.parse("2027-05-01T09:30:00.123456789Z");
            log.appendEvents(incremented("c-1", 0, stamped).andMetaData(java.util.Map.of(EventMetadata.REASON, "why not")));

            DomainEventMessage<?> loaded = log.readEvents("c-1").next();

            assertThat(loaded.getPayload()).isEqualTo(new CounterIncremented("c-1", 0));
            assertThat(loaded.getTimestamp()).isEqualTo(stamped);
            assertThat(loaded.getMetaData()).containsEntry(EventMetadata.ACTOR, "tester")
                                            .containsEntry(EventMetadata.REASON, "why not")
                                            .containsKey(EventMetadata.CORRELATION_ID);
        }

        @Test
        void storesAndReadsTheLatestSnapshot() {
            log.appendEvents(incremented("c-1", 0), incremented("c-1", 1));
            log.storeSnapshot(new GenericDomainEventMessage<>(TestEvents.AGGREGATE_TYPE, "c-1", 0,
                                                              new CounterIncremented("c-1", 100)));
            log.storeSnapshot(new GenericDomainEventMessage<>(TestEvents.AGGREGATE_TYPE, "c-1", 1,
                                                              new CounterIncremented("c-1", 101)));

            assertThat(log.readSnapshot("c-1")).hasValueSatisfying(snapshot -> {
                assertThat(snapshot.getSequenceNumber()).isEqualTo(1);
                assertThat(snapshot.getPayload()).isEqualTo(new CounterIncremented("c-1", 101));
            });
            assertThat(log.readSnapshot("c-2")).isEmpty();
        }
    }

    @Nested
    @DisplayName("finding aggregates no key names")
    class Finding {

        @Test
        void findsTheAggregatesWhoseIdentifiersStartWithAPrefixEachOnce() {
            log.appendEvents(incremented("team-plan:2027-s1/payments", 0),
                             incremented("team-plan:2027-s1/payments", 1));
            log.appendEvents(incremented("team-plan:2027-s1/search", 0), incremented("team-plan:2027-s10/web", 0));
            log.appendEvents(incremented("team-plan:2027-s1/payments", 2), incremented("team-plan:2027-s2/web", 0));
            log.appendEvents(incremented("team-plan:2027-s1/payments", 3)); // one of the batches loading reads
            log.appendEvents(incremented("cycle:2027-s1", 0), incremented("team-plan:2027-s1.x/web", 0));

            assertThat(log.aggregatesStartingWith("team-plan:2027-s1/"))
                    .containsExactlyInAnyOrder("team-plan:2027-s1/payments", "team-plan:2027-s1/search");
            assertThat(log.aggregatesStartingWith("team-plan:2028-s1/")).isEmpty();
        }

        @Test
        void findsTheAggregatesWithAnEventOfATypeWhosePayloadMentionsATextEachOnce() {
            String type = CounterIncremented.class.getName();
            log.appendEvents(incremented("c-1", 0), incremented("c-1", 1), incremented("c-20", 0));
            log.appendEvents(incremented("c-2", 0), TestEvents.announced("\"c-3\" said hello"));
            log.appendEvents(incremented("c-1", 2));

            assertThat(log.aggregatesMentioning(List.of(type), "\"c-1\"")).containsExactly("c-1");
            assertThat(log.aggregatesMentioning(List.of(type), "\"c-2")).containsExactlyInAnyOrder("c-20", "c-2");
            assertThat(log.aggregatesMentioning(List.of(type), "c-3")).isEmpty();
            assertThat(log.aggregatesMentioning(List.of("no.such.Type"), "c-1")).isEmpty();
        }
    }

    @Nested
    @DisplayName("when two appends claim the same aggregate sequence")
    class Concurrency {

        @Test
        void theSecondFailsWithAConcurrencyExceptionAndStoresNothing() {
            log.appendEvents(incremented("c-1", 0), incremented("c-1", 1), incremented("c-1", 2));

            assertThatThrownBy(() -> log.appendEvents(incremented("c-1", 1)))
                    .isInstanceOf(ConcurrencyException.class);
            assertThatThrownBy(() -> log.appendEvents(incremented("c-1", 3), incremented("c-1", 2)))
                    .isInstanceOf(ConcurrencyException.class);

            assertThat(log.readEvents("c-1").asStream().count()).isEqualTo(3);
            assertThat(readAll(null)).hasSize(3);
        }

        @Test
        void aSecondCreationOfTheSameAggregateIsAStreamCreationConflict() {
            log.appendEvents(incremented("c-1", 0));

            assertThatThrownBy(() -> log.appendEvents(incremented("c-1", 0)))
                    .isInstanceOf(AggregateStreamCreationException.class);
        }

        @Test
        void aFailedCommitLeavesNoGapForReaders() {
            log.appendEvents(incremented("c-1", 0));
            assertThatThrownBy(() -> log.appendEvents(incremented("c-1", 0), incremented("c-1", 1)))
                    .isInstanceOf(AggregateStreamCreationException.class);
            log.appendEvents(incremented("c-2", 0));

            List<TrackedEventMessage<?>> all = readAll(null);

            assertThat(all).extracting(MongoEventLogTest::position).containsExactly(0L, 3L);
            assertThat(((GapAwareTrackingToken) all.get(1).trackingToken()).getGaps()).isEmpty();
        }
    }

    @Nested
    @DisplayName("tracking")
    class Tracking {

        @Test
        void deliversEveryEventOnceInPositionOrderWithDomainAndOtherEvents() {
            for (int i = 0; i < 12; i++) {
                log.appendEvents(incremented("c-" + (i % 3), i / 3), TestEvents.announced("n" + i));
            }

            List<TrackedEventMessage<?>> all = readAll(null);

            assertThat(all).extracting(MongoEventLogTest::position)
                           .containsExactlyElementsOf(IntStream.range(0, 24).mapToObj(i -> (long) i).toList());
            assertThat(all.get(1).getPayload()).isEqualTo(new TestEvents.Announced("n0"));
            assertThat(all.get(1)).isNotInstanceOf(DomainEventMessage.class);
            assertThat(readAll(all.get(9).trackingToken())).extracting(MongoEventLogTest::position).first().isEqualTo(10L);
        }

        @Test
        void aReaderThatStoppedInsideACommitGoesOnWithTheRestOfIt() {
            log.appendEvents(incremented("many", 0), incremented("many", 1), incremented("many", 2));
            log.appendEvents(incremented("after", 0));

            List<TrackedEventMessage<?>> all = readAll(null);
            assertThat(readAll(all.get(0).trackingToken())).extracting(MongoEventLogTest::position)
                                                           .containsExactly(1L, 2L, 3L);
            assertThat(readAll(all.get(1).trackingToken())).extracting(MongoEventLogTest::position)
                                                           .containsExactly(2L, 3L);
        }

        @Test
        void aCommitThatBecomesVisibleLateIsStillDelivered() throws Exception {
            AtomicReference<Document> held = new AtomicReference<>();
            MongoEventLog slowWriter = logOn(database, Clock.systemUTC(), held::set);
            slowWriter.appendEvents(incremented("slow", 0), incremented("slow", 1));
            log.appendEvents(incremented("fast", 0));

            List<TrackedEventMessage<?>> before = readAll(null);
            assertThat(before).extracting(MongoEventLogTest::position).containsExactly(2L);
            GapAwareTrackingToken token = (GapAwareTrackingToken) before.get(0).trackingToken();
            assertThat(token.getGaps()).containsExactly(0L, 1L);

            database.getCollection(MongoEventLog.EVENTS_COLLECTION).insertOne(held.get());

            List<TrackedEventMessage<?>> late = readAll(token);
            assertThat(late).extracting(message -> (Object) message.getPayload())
                            .containsExactly(new CounterIncremented("slow", 0), new CounterIncremented("slow", 1));
            assertThat(((GapAwareTrackingToken) late.get(1).trackingToken()).getGaps()).isEmpty();
            assertThat(((GapAwareTrackingToken) late.get(1).trackingToken()).getIndex()).isEqualTo(2L);
        }

        @Test
        void skipsAWholeBatchOfEmptyPositions() {
            MongoEventLog crashing = logOn(database, Clock.systemUTC(), lost -> { });
            for (int i = 0; i < 25; i++) {
                crashing.appendEvents(incremented("lost-" + i, 0));
            }
            log.appendEvents(incremented("c-1", 0));

            assertThat(readAll(null)).extracting(MongoEventLogTest::position).containsExactly(25L);
        }

        @Test
        void headTokenStartsAfterTheLastEventAndTokenAtStartsAtTheInstant() {
            log.appendEvents(incremented("c-1", 0, Instant.parse("2027-01-01T00:00:00Z")));
            log.appendEvents(incremented("c-1", 1, Instant.parse("2027-02-01T00:00:00Z")));
            log.appendEvents(incremented("c-1", 2, Instant.parse("2027-03-01T00:00:00Z")));

            assertThat(readAll(log.createHeadToken())).isEmpty();
            assertThat(readAll(log.createTokenAt(Instant.parse("2027-02-01T00:00:00Z"))))
                    .extracting(MongoEventLogTest::position).containsExactly(1L, 2L);
            assertThat(log.createTailToken()).isNull();
        }

        @Test
        void aNewLogOnTheSameDatabaseContinuesThePositions() {
            log.appendEvents(incremented("c-1", 0));
            MongoEventLog restarted = logOn(database, Clock.systemUTC(), null);
            restarted.appendEvents(incremented("c-1", 1));

            assertThat(readAll(null)).extracting(MongoEventLogTest::position).containsExactly(0L, 1L);
        }

        @Test
        void aCounterLeftBehindByACrashIsRaisedAtStartSoNothingIsHiddenOrHandedOutTwice() {
            log.appendEvents(incremented("c-1", 0), incremented("c-1", 1));
            // As if a crash had kept the commit but lost the counter's increment.
            database.getCollection(MongoEventLog.SEQUENCE_COLLECTION)
                    .updateOne(Filters.eq("_id", "position"), new Document("$set", new Document("allocated", 1L)));

            MongoEventLog restarted = logOn(database, Clock.systemUTC(), null);
            restarted.appendEvents(incremented("c-1", 2));

            assertThat(readAll(null)).extracting(MongoEventLogTest::position).containsExactly(0L, 1L, 2L);
        }

        @Test
        void aCounterFarBehindIsRaisedPastEveryCommitAndRunOfEmptyPositionsAfterIt() {
            for (int commit = 0; commit < 300; commit++) {
                int base = commit * 10;
                log.appendEvents(IntStream.range(base, base + 10).mapToObj(s -> incremented("c-1", s)).toList());
            }
            MongoEventLog crashing = logOn(database, Clock.systemUTC(), lost -> { });
            for (int i = 0; i < 25; i++) {
                crashing.appendEvents(incremented("lost-" + i, 0));
            }
            log.appendEvents(incremented("c-2", 0));
            database.getCollection(MongoEventLog.SEQUENCE_COLLECTION)
                    .updateOne(Filters.eq("_id", "position"), new Document("$set", new Document("allocated", 5L)));

            logOn(database, Clock.systemUTC(), null).appendEvents(incremented("c-2", 1));

            assertThat(log.positionOf("c-2", 0)).hasValue(3_025L);
            assertThat(log.positionOf("c-2", 1)).hasValue(3_026L);
        }

        @Test
        void aLogRestoredWithoutItsCounterContinuesAfterItsHighestCommit() {
            log.appendEvents(incremented("c-1", 0), incremented("c-1", 1));
            log.appendEvents(incremented("c-1", 2));
            database.getCollection(MongoEventLog.SEQUENCE_COLLECTION).deleteMany(new Document());

            logOn(database, Clock.systemUTC(), null).appendEvents(incremented("c-1", 3));

            assertThat(readAll(null)).extracting(MongoEventLogTest::position).containsExactly(0L, 1L, 2L, 3L);
        }
    }

    @Test
    void anInsertThatFailsForAnotherReasonIsAnEventStoreErrorAndNotAConcurrencyConflict() {
        MongoEventLog failing = logOn(database, Clock.systemUTC(), commit -> {
            throw new com.mongodb.MongoSocketWriteException("connection reset", null, new java.io.IOException());
        });

        assertThatThrownBy(() -> failing.appendEvents(incremented("c-1", 0)))
                .isInstanceOf(EventStoreException.class)
                .isNotInstanceOf(ConcurrencyException.class);
        // The tombstone took the positions, so the commit can never land and readers do not wait.
        Document tombstone = database.getCollection(MongoEventLog.EVENTS_COLLECTION).find(Filters.eq("_id", 0L)).first();
        assertThat(tombstone.getList("events", Document.class)).isEmpty();
    }

    @Test
    void anInsertWhoseAnswerWasLostButThatLandedCountsAsAppended() {
        MongoDatabase db = database;
        MongoEventLog answerLost = logOn(database, Clock.systemUTC(), commit -> {
            db.getCollection(MongoEventLog.EVENTS_COLLECTION).insertOne(commit);
            throw new com.mongodb.MongoSocketReadException("no answer", null);
        });

        answerLost.appendEvents(incremented("c-1", 0));

        assertThat(log.readEvents("c-1").asStream().count()).isEqualTo(1);
    }

    /** A clock the test moves by hand, so time-based behaviour is tested without waiting. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

}
