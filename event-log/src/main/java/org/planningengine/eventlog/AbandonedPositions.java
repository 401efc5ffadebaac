package org.planningengine.eventlog;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;

import static org.planningengine.eventlog.CommitDocument.ID;

/**
 * Closes for good the positions that no commit will fill: a writer that dies between taking its positions and
 * inserting its commit leaves them empty, and readers wait for them. Their age is judged by the log's clock, never a
 * reader's, so every node agrees and a restart does not start it again:
 * <ul>
 *     <li>Every reservation is stamped with the server's time ({@link PositionCounter}), so the counter, read when a
 *     reader first finds a position missing, tells when it was reserved at the latest.</li>
 *     <li>Once a reader has found it missing for a second (its own clock: commits in flight fill their positions
 *     within milliseconds and need no write), that bound is recorded in {@code event_gaps}; the first record of a
 *     position is the one every reader on every node goes by, across restarts, read at every judgment.</li>
 *     <li>When the server's clock ({@link ServerClock}) is a gap timeout past the bound, the reader writes a
 *     tombstone there ({@link Tombstones}). A commit arriving after it fails on the position's key and is appended
 *     again at new positions; a commit that arrived first keeps the position.</li>
 * </ul>
 * Positions are closed in order, and only from the first missing position of a run of them on: a commit holds
 * consecutive positions, so a tombstone can never fall inside a commit that lands later.
 */
final class AbandonedPositions {

    /** How long a reader sees a position missing before it records it; a restart costs at most this again. */
    static final Duration RECORD_AFTER = Duration.ofSeconds(1);
    /** A position no reader has asked for this long is no longer waited for here. */
    private static final Duration FORGET_AFTER = Duration.ofMinutes(1);
    private static final String RESERVED_BY = "reservedBy";
    private static final Logger log = LoggerFactory.getLogger(AbandonedPositions.class);

    /** A position a reader found missing: when this node first and last saw it, and when it was reserved at latest. */
    private record Sighting(Instant firstSeen, Instant lastSeen, Instant reservedBy, boolean recorded) {

        Sighting seen(Instant now) {
            return new Sighting(firstSeen, now, reservedBy, recorded);
        }
    }

    /**
     * The positions this node's readers are waiting for.
     *
     * @param oldestAge how long ago, by the log's clock, the oldest of them was reserved at the latest
     */
    record Waiting(int positions, Long oldestPosition, Duration oldestAge) {
    }

    private final MongoCollection<Document> gaps;
    private final PositionCounter counter;
    private final Tombstones tombstones;
    private final ServerClock serverClock;
    private final Clock clock;
    private final Duration timeout;
    private final Duration recordAfter;
    private final Map<Long, Sighting> sightings = new ConcurrentSkipListMap<>();
    private final Counter closedCounter;
    /** The server's clock minus this node's, as last read; null before the first reading. */
    private volatile Duration serverAhead;

    AbandonedPositions(MongoCollection<Document> gaps, PositionCounter counter, Tombstones tombstones,
                       ServerClock serverClock, Clock clock, Duration timeout, MeterRegistry meters) {
        this.gaps = gaps;
        this.counter = counter;
        this.tombstones = tombstones;
        this.serverClock = serverClock;
        this.clock = clock;
        this.timeout = timeout;
        this.recordAfter = timeout.compareTo(RECORD_AFTER) < 0 ? timeout : RECORD_AFTER;
        this.closedCounter = Counter.builder("planning.eventlog.gaps.given.up")
                                    .description("Positions this engine closed as abandoned: reserved longer ago "
                                                 + "than the gap timeout, by the log's clock, and never filled")
                                    .register(meters);
        Gauge.builder("planning.eventlog.gaps.waiting", this, positions -> positions.waiting().positions())
             .description("Positions this engine's readers are waiting for")
             .register(meters);
        TimeGauge.builder("planning.eventlog.gaps.oldest.age", this, TimeUnit.MILLISECONDS,
                          positions -> positions.waiting().oldestAge().toMillis())
                 .description("How long ago, by the log's clock, the oldest position waited for was reserved")
                 .register(meters);
    }

    /**
     * Judges the positions a reader found missing (ascending) and closes those abandoned; answers the positions
     * that hold a tombstone now, so the reader stops waiting for them.
     */
    synchronized SortedSet<Long> closeAbandoned(SortedSet<Long> missing) {
        if (missing.isEmpty()) {
            return Collections.emptySortedSet();
        }
        Instant now = clock.instant();
        Instant latestReservation = null;
        // This reader's view of each position; another reader's pass may fill one meanwhile.
        Map<Long, Sighting> seen = new HashMap<>();
        for (long position : missing) {
            Sighting sighting = sightings.get(position);
            if (sighting == null) {
                if (latestReservation == null) {
                    latestReservation = latestReservation();
                }
                if (serverAhead == null) {
                    serverAhead = Duration.between(clock.instant(), serverClock.now());
                }
                sighting = new Sighting(now, now, latestReservation, false);
            } else {
                sighting = sighting.seen(now);
            }
            seen.put(position, sighting);
            sightings.put(position, sighting);
        }
        forgetStale(now);
        SortedSet<Long> due = new TreeSet<>();
        for (long position : missing) {
            if (!seen.get(position).firstSeen().plus(recordAfter).isAfter(now)) {
                due.add(position);
            }
        }
        if (due.isEmpty()) {
            return Collections.emptySortedSet();
        }
        record(due, seen);
        Instant serverNow = serverClock.now();
        serverAhead = Duration.between(clock.instant(), serverNow);
        return close(missing, due, seen, serverNow);
    }

    /** The positions became visible, or were closed by someone else: no reader waits for them any more. */
    void filled(long first, long last) {
        if (sightings.isEmpty()) {
            return;
        }
        for (long position = first; position <= last; position++) {
            Sighting sighting = sightings.remove(position);
            if (sighting != null && sighting.recorded()) {
                forget(position);
            }
        }
    }

    Waiting waiting() {
        Instant now = clock.instant();
        Duration ahead = serverAhead;
        Long oldest = null;
        Duration oldestAge = Duration.ZERO;
        for (Map.Entry<Long, Sighting> entry : sightings.entrySet()) {
            Sighting sighting = entry.getValue();
            if (oldest == null) {
                oldest = entry.getKey();
            }
            Duration age = ahead == null ? Duration.between(sighting.firstSeen(), now)
                                         : Duration.between(sighting.reservedBy(), now.plus(ahead));
            if (age.compareTo(oldestAge) > 0) {
                oldestAge = age;
            }
        }
        return new Waiting(sightings.size(), oldest, oldestAge);
    }

    /**
     * The server's time of the latest reservation: every position handed out so far was reserved no later. A counter
     * that has not reserved since it was created tells none; then the server's time now is the bound.
     */
    private Instant latestReservation() {
        Instant reservedAt = counter.reserved().reservedAt();
        return reservedAt != null ? reservedAt : serverClock.now();
    }

    /**
     * Takes the recorded bound of every position due, recording the bounds of those not recorded yet: the stored
     * record, the first made of each position, is what every reader goes by, read afresh at every judgment.
     */
    private void record(Collection<Long> due, Map<Long, Sighting> seen) {
        Map<Long, Instant> stored = new HashMap<>();
        gaps.find(Filters.in(ID, due))
            .forEach(record -> stored.put(record.get(ID, Number.class).longValue(),
                                          record.getDate(RESERVED_BY).toInstant()));
        for (long position : due) {
            Sighting sighting = seen.get(position);
            Instant reservedBy = stored.get(position);
            if (reservedBy == null) {
                reservedBy = insertRecord(position, sighting.reservedBy());
            }
            if (reservedBy != null) {
                Sighting recorded = new Sighting(sighting.firstSeen(), sighting.lastSeen(), reservedBy, true);
                seen.put(position, recorded);
                sightings.computeIfPresent(position, (key, current) -> recorded);
            }
        }
    }

    /** The bound now recorded for the position, or null when none could be written or read. */
    private Instant insertRecord(long position, Instant reservedBy) {
        try {
            gaps.insertOne(new Document(ID, position).append(RESERVED_BY, Date.from(reservedBy)));
            log.info("Waiting for position {}, reserved at the latest at {} by the log's clock", position,
                     reservedBy);
            return reservedBy;
        } catch (MongoException e) {
            if (e instanceof MongoWriteException write
                    && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                Document record = gaps.find(Filters.eq(ID, position)).first();
                return record == null ? null : record.getDate(RESERVED_BY).toInstant();
            }
            log.warn("Could not record the missing position {}; tried again at the next read", position, e);
            return null;
        }
    }

    /**
     * Closes, in order, the positions due whose recorded bound is a gap timeout behind the server's clock; a run of
     * consecutive missing positions stops at the first that is not closed, since a commit may still hold it and the
     * positions after it.
     */
    private SortedSet<Long> close(SortedSet<Long> missing, Collection<Long> due, Map<Long, Sighting> seen,
                                  Instant serverNow) {
        SortedSet<Long> closed = new TreeSet<>();
        Long previous = null;
        boolean runStopped = false;
        for (long position : missing) {
            if (previous == null || position != previous + 1) {
                runStopped = false;
            }
            previous = position;
            Sighting sighting = seen.get(position);
            if (runStopped || !sighting.recorded() || !due.contains(position)
                    || Duration.between(sighting.reservedBy(), serverNow).compareTo(timeout) < 0) {
                runStopped = true;
                continue;
            }
            Tombstones.Closing closing = tombstones.closeAbandoned(position, serverNow);
            switch (closing) {
                case CLOSED -> {
                    closedCounter.increment();
                    log.warn("Closed position {} as abandoned: reserved at the latest at {}, {} ago by the log's "
                             + "clock (gap timeout {}), and never filled", position, sighting.reservedBy(),
                             Duration.between(sighting.reservedBy(), serverNow), timeout);
                }
                case CLOSED_ELSEWHERE -> log.debug("Position {} was closed by another reader", position);
                case FILLED, NOT_CLOSED -> runStopped = true;
            }
            if (closing == Tombstones.Closing.CLOSED || closing == Tombstones.Closing.CLOSED_ELSEWHERE) {
                closed.add(position);
                sightings.remove(position);
                forget(position);
            }
        }
        return closed;
    }

    /** Positions waited for no more here: a reader that still needs one finds it again. */
    private void forgetStale(Instant now) {
        sightings.entrySet().removeIf(entry -> entry.getValue().lastSeen().plus(FORGET_AFTER).isBefore(now));
    }

    /** Drops the record of a position that is no longer missing; another reader may have done so already. */
    private void forget(long position) {
        try {
            gaps.deleteOne(Filters.eq(ID, position));
        } catch (MongoException e) {
            log.debug("Could not drop the record of position {}; it is only a few bytes", position, e);
        }
    }
}
