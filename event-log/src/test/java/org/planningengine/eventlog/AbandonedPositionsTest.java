package org.planningengine.eventlog;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planningengine.eventlog.MongoEventLogTest.MutableClock;
import org.planningengine.eventlog.serialization.EventSerialization;
import org.planningengine.eventlog.testing.MongoTestServer;
import org.planningengine.eventlog.testing.TestEvents.CounterIncremented;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.planningengine.eventlog.testing.TestEvents.incremented;

/**
 * A position whose writer died between reserving it and committing stays empty; readers judge its age by the log's
 * clock (the server's time stamped on the reservation, and recorded for everyone once a reader has waited a second),
 * never their own, and close it with a tombstone once it is older than the gap timeout. The log's time passing is
 * played by moving the stored time back: the server's clock cannot be moved, and a test does not wait a minute.
 */
class AbandonedPositionsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration LONG_AGO = Duration.ofMinutes(2);

    private MongoDatabase database;
    private MongoEventLog log;
    /** A writer that dies after reserving: its commit never reaches the database. */
    private MongoEventLog dying;

    @BeforeEach
    void newDatabase() {
        database = MongoTestServer.newDatabase();
        log = MongoEventLogTest.logOn(database, Clock.systemUTC(), null);
        dying = MongoEventLogTest.logOn(database, Clock.systemUTC(), lost -> { });
    }

    /** A reader on a node of its own, with the clock the test moves and the meters it reads. */
    private record Reader(MongoEventLog log, MutableClock clock, SimpleMeterRegistry meters) {

        List<TrackedEventMessage<?>> read(TrackingToken from) {
            try (Stream<? extends TrackedEventMessage<?>> stream = log.readEvents(from, false)) {
                return stream.<TrackedEventMessage<?>>map(message -> message).toList();
            }
        }

        double closed() {
            return meters.counter("planning.eventlog.gaps.given.up").count();
        }

        double waiting() {
            return meters.get("planning.eventlog.gaps.waiting").gauge().value();
        }
    }

    private Reader reader() {
        MutableClock clock = new MutableClock(Instant.parse("2027-01-01T00:00:00Z"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        return new Reader(MongoEventLog.builder().database(database).eventSerializer(EventSerialization.serializer())
                                       .clock(clock).meterRegistry(meters).gapTimeout(TIMEOUT).batchSize(10).build(),
                          clock, meters);
    }

    private MongoCollection<Document> commits() {
        return database.getCollection(MongoEventLog.EVENTS_COLLECTION);
    }

    private Document at(long position) {
        return commits().find(Filters.eq("_id", position)).first();
    }

    private static boolean isAbandonedTombstone(Document document) {
        return document != null && document.getList("events", Document.class).isEmpty()
               && "abandoned".equals(document.getString("closed"));
    }

    /** As if every reservation so far had been made this long ago by the server's clock. */
    private void reservedAgo(Duration ago) {
        database.getCollection(MongoEventLog.SEQUENCE_COLLECTION)
                .updateOne(Filters.eq("_id", "position"), Updates.set("reservedAt", Date.from(Instant.now().minus(ago))));
    }

    /** As if the server's clock had moved on this much since the position's wait was recorded. */
    private void recordedAgo(long position, Duration ago) {
        MongoCollection<Document> gaps = database.getCollection(MongoEventLog.GAPS_COLLECTION);
        Date recorded = gaps.find(Filters.eq("_id", position)).first().getDate("reservedBy");
        gaps.updateOne(Filters.eq("_id", position),
                       Updates.set("reservedBy", Date.from(recorded.toInstant().minus(ago))));
    }

    private Instant recordedBound(long position) {
        Document record = database.getCollection(MongoEventLog.GAPS_COLLECTION).find(Filters.eq("_id", position))
                                  .first();
        return record == null ? null : record.getDate("reservedBy").toInstant();
    }

    private static GapAwareTrackingToken token(TrackedEventMessage<?> message) {
        return (GapAwareTrackingToken) message.trackingToken();
    }

    @Test
    void aGapReservedLongerAgoThanTheTimeoutByTheLogsClockIsClosedByTheReaderThatWaitsForIt() {
        dying.appendEvents(incremented("lost", 0));
        log.appendEvents(incremented("c-1", 0));
        reservedAgo(LONG_AGO);
        Reader reader = reader();

        List<TrackedEventMessage<?>> first = reader.read(null);
        assertThat(first).hasSize(1);
        assertThat(token(first.get(0)).getGaps()).containsExactly(0L);
        assertThat(at(0)).as("waited for a second of the reader's own first").isNull();
        assertThat(reader.waiting()).isEqualTo(1.0);
        assertThat(reader.log().gapsWaitedOn().oldestPosition()).isEqualTo(0L);
        assertThat(reader.log().gapsWaitedOn().oldestAge()).isGreaterThanOrEqualTo(LONG_AGO);

        reader.clock().advance(AbandonedPositions.RECORD_AFTER);
        assertThat(reader.read(first.get(0).trackingToken())).isEmpty();

        assertThat(isAbandonedTombstone(at(0))).as("a tombstone at 0: %s", at(0)).isTrue();
        assertThat(reader.closed()).isEqualTo(1.0);
        assertThat(reader.waiting()).isZero();
        assertThat(reader.log().handledThrough(first.get(0).trackingToken())).as("the closed gap is handled")
                                                                              .isEqualTo(1L);
        log.appendEvents(incremented("c-1", 1));
        List<TrackedEventMessage<?>> next = reader.read(first.get(0).trackingToken());
        assertThat(next).extracting(message -> token(message).getIndex()).containsExactly(2L);
        assertThat(token(next.get(0)).getGaps()).isEmpty();
    }

    @Test
    void aFreshReservationIsWaitedForHoweverLongTheReadersOwnClockRuns() {
        dying.appendEvents(incremented("lost", 0));
        log.appendEvents(incremented("c-1", 0));
        Reader reader = reader();
        TrackingToken token = reader.read(null).get(0).trackingToken();

        for (int i = 0; i < 3; i++) {
            reader.clock().advance(Duration.ofMinutes(10));
            assertThat(reader.read(token)).isEmpty();
        }
        log.appendEvents(incremented("c-1", 1));
        List<TrackedEventMessage<?>> next = reader.read(token);

        assertThat(at(0)).as("nothing at 0").isNull();
        assertThat(token(next.get(0)).getGaps()).containsExactly(0L);
        assertThat(recordedBound(0)).as("the wait, recorded by the log's clock").isNotNull()
                                    .isAfter(Instant.now().minus(TIMEOUT));
        assertThat(reader.log().handledThrough(next.get(0).trackingToken())).as("held by the gap").isEqualTo(-1L);
        assertThat(reader.waiting()).isEqualTo(1.0);
        assertThat(reader.closed()).isZero();
    }

    @Test
    void anotherNodeOrTheSameAfterARestartGoesByTheTimeTheFirstReaderRecorded() {
        dying.appendEvents(incremented("lost", 0));
        log.appendEvents(incremented("c-1", 0));
        Reader first = reader();
        TrackingToken token = first.read(null).get(0).trackingToken();
        first.clock().advance(AbandonedPositions.RECORD_AFTER);
        first.read(token);
        Instant recorded = recordedBound(0);
        assertThat(recorded).as("recorded by the first reader").isNotNull();
        assertThat(at(0)).isNull();

        recordedAgo(0, LONG_AGO);
        Reader other = reader();
        other.read(token);
        assertThat(at(0)).as("the other reader waits a second of its own first").isNull();
        other.clock().advance(AbandonedPositions.RECORD_AFTER);
        other.read(token);

        assertThat(isAbandonedTombstone(at(0))).as("closed by the other reader, a second after it first saw the gap")
                                               .isTrue();
        assertThat(other.closed()).isEqualTo(1.0);
        assertThat(recordedBound(0)).as("the record is dropped once the position is closed").isNull();
        first.read(token);
        assertThat(first.waiting()).as("the first reader sees the tombstone").isZero();
        assertThat(first.closed()).isZero();
    }

    @Test
    void aReaderStartedAfterTheWriterDiedGoesByTheReservationStampedBeforeIt() {
        log.appendEvents(incremented("c-1", 0));
        dying.appendEvents(incremented("c-1", 1));
        reservedAgo(LONG_AGO);
        Reader restarted = reader();

        List<TrackedEventMessage<?>> events = restarted.read(null);
        assertThat(events).hasSize(1);
        TrackingToken token = events.get(0).trackingToken();
        assertThat(restarted.read(token)).isEmpty();
        assertThat(restarted.log().handledThrough(token)).as("the empty head holds the views").isZero();
        assertThat(restarted.waiting()).as("the empty head is waited for, though no token has a gap").isEqualTo(1.0);
        restarted.clock().advance(AbandonedPositions.RECORD_AFTER);
        restarted.read(token);

        assertThat(isAbandonedTombstone(at(1))).isTrue();
        assertThat(restarted.log().handledThrough(token)).as("the closed head is handled").isEqualTo(1L);
        log.appendEvents(incremented("c-1", 1));
        assertThat(restarted.read(token)).extracting(message -> token(message).getIndex()).containsExactly(2L);
    }

    @Test
    void aCommitOfSeveralPositionsIsClosedPositionByPositionFromItsFirst() {
        dying.appendEvents(incremented("lost", 0), incremented("lost", 1), incremented("lost", 2));
        log.appendEvents(incremented("c-1", 0));
        reservedAgo(LONG_AGO);
        Reader reader = reader();
        TrackingToken token = reader.read(null).get(0).trackingToken();
        reader.clock().advance(AbandonedPositions.RECORD_AFTER);
        reader.read(token);

        assertThat(List.of(at(0), at(1), at(2))).allMatch(AbandonedPositionsTest::isAbandonedTombstone);
        assertThat(reader.closed()).isEqualTo(3.0);
        assertThat(reader.log().handledThrough(token)).isEqualTo(3L);
    }

    @Test
    void aCommitThatArrivesAfterItsPositionWasClosedIsAppendedAgainAtANewPositionAndNotLost() {
        Reader reader = reader();
        AtomicInteger inserts = new AtomicInteger();
        SimpleMeterRegistry writerMeters = new SimpleMeterRegistry();
        MongoEventLog.Builder slow = MongoEventLog.builder().database(database)
                                                  .eventSerializer(EventSerialization.serializer())
                                                  .meterRegistry(writerMeters);
        MongoEventLog slowWriter = new MongoEventLog(slow) {
            @Override
            protected void insertCommit(Document commit) {
                if (inserts.getAndIncrement() == 0) {
                    // The writer stalls past the gap timeout; a reader closes its position meanwhile.
                    reservedAgo(LONG_AGO);
                    reader.read(null);
                    reader.clock().advance(AbandonedPositions.RECORD_AFTER);
                    reader.read(null);
                    assertThat(isAbandonedTombstone(at(0))).isTrue();
                }
                super.insertCommit(commit);
            }
        };

        slowWriter.appendEvents(incremented("late", 0));

        assertThat(inserts).hasValue(2);
        assertThat(log.positionOf("late", 0)).hasValue(1L);
        assertThat(log.readEvents("late").asStream().<Object>map(message -> message.getPayload()))
                .containsExactly(new CounterIncremented("late", 0));
        List<TrackedEventMessage<?>> tracked = reader.read(null);
        assertThat(tracked).extracting(message -> token(message).getIndex()).containsExactly(1L);
        assertThat(writerMeters.counter("planning.eventlog.commits.moved").count()).isEqualTo(1.0);
        // Moving is for positions a reader closed, not for a lost race on the aggregate.
        assertThatThrownBy(() -> log.appendEvents(incremented("late", 0)))
                .isInstanceOf(AggregateStreamCreationException.class);
    }

    @Test
    void aReaderNeverClosesAPositionACommitHolds() {
        log.appendEvents(incremented("c-1", 0));
        Tombstones tombstones = new Tombstones(commits(), Clock.systemUTC());

        assertThat(tombstones.closeAbandoned(0, Instant.now())).isEqualTo(Tombstones.Closing.FILLED);
        assertThat(at(0).getList("events", Document.class)).hasSize(1);
        dying.appendEvents(incremented("lost", 0));
        assertThat(tombstones.closeAbandoned(1, Instant.now())).isEqualTo(Tombstones.Closing.CLOSED);
        assertThat(tombstones.closeAbandoned(1, Instant.now())).isEqualTo(Tombstones.Closing.CLOSED_ELSEWHERE);
    }

    @Test
    void positionsClosedAfterATokenCountAsHandledUpToTheFirstThatIsNot() {
        log.appendEvents(incremented("c-1", 0));
        TrackingToken token = reader().read(null).get(0).trackingToken();
        // A failed commit's writer closes its two positions itself.
        assertThatThrownBy(() -> log.appendEvents(incremented("c-1", 0), incremented("c-1", 1)))
                .isInstanceOf(AggregateStreamCreationException.class);
        assertThat(log.handledThrough(token)).isEqualTo(2L);

        dying.appendEvents(incremented("c-1", 1));
        log.appendEvents(incremented("c-1", 1));
        assertThat(log.handledThrough(token)).as("an open position and a commit not read yet").isEqualTo(2L);
        assertThat(log.handledThrough(null)).as("nothing read").isEqualTo(-1L);
    }
}
