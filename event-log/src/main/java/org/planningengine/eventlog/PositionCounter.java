package org.planningengine.eventlog;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.LongStream;

import static org.planningengine.eventlog.CommitDocument.ID;

/**
 * Hands out the log's global positions from one counter document, and tells how far it has handed them out and when,
 * by the server's clock: {@code {_id: "position", allocated: N, reservedAt: Date}}.
 */
final class PositionCounter {

    /**
     * @param last       the last position handed out, -1 before the first
     * @param reservedAt when the server handed it out (null on a counter that has not reserved since it was created):
     *                   every position up to {@code last} was reserved at or before this instant
     */
    record Reserved(long last, Instant reservedAt) {
    }

    private static final String POSITION_COUNTER = "position";
    private static final String COUNTER_VALUE = "allocated";
    /** Stamped by the server ({@code $currentDate}) with every reservation: the log's own clock, not a writer's. */
    private static final String RESERVED_AT = "reservedAt";
    /** Positions looked up at once around the counter at start. */
    private static final int WINDOW = 1024;
    private static final Logger log = LoggerFactory.getLogger(PositionCounter.class);

    private final MongoCollection<Document> sequence;

    /**
     * Creates the counter before any writer needs it, or raises it, to after the highest position stored: a log
     * restored without it, or a crash that kept a commit but lost the counter's last increment (two documents, no
     * transaction), must neither hand a taken position out again nor hide that commit from readers, who read up to
     * the counter.
     */
    PositionCounter(MongoCollection<Document> sequence, MongoCollection<Document> commits) {
        this.sequence = sequence;
        Document counter = sequence.find(Filters.eq(ID, POSITION_COUNTER)).first();
        long counted = counter == null ? 0 : counter.get(COUNTER_VALUE, Number.class).longValue();
        long allocated = counter == null ? afterHighest(commits) : afterCommitsAround(commits, counted);
        if (counter != null && counted < allocated) {
            log.warn("The position counter was behind the log ({} < {}), as after a crash; raised", counted,
                     allocated);
        }
        sequence.updateOne(Filters.eq(ID, POSITION_COUNTER), Updates.max(COUNTER_VALUE, allocated),
                           new UpdateOptions().upsert(true));
    }

    /**
     * After the commit with the highest first position, which holds the highest position (commits hold disjoint
     * ranges): a sorted query, answered from the primary key's index on MongoDB but by reading and sorting the
     * whole log on mongo-java-server, so it is asked only when there is no counter at all.
     */
    private static long afterHighest(MongoCollection<Document> commits) {
        Document highest = commits.find().sort(Sorts.descending(ID)).limit(1).first();
        return highest == null ? 0 : CommitDocument.last(highest) + 1;
    }

    /**
     * After the commits stored around a counter that exists: the positions from a window below it to a window
     * above are looked up by key, and again from past the last commit found, until a window above holds none. The
     * counter falls behind only by the reservations lost with it, so the commits it missed follow one another from
     * it, with no run of empty positions as long as the window between them.
     */
    private static long afterCommitsAround(MongoCollection<Document> commits, long counted) {
        long next = counted;
        long from = Math.max(0, counted - WINDOW);
        while (true) {
            long upTo = next + WINDOW;
            List<Long> positions = LongStream.range(from, upTo).boxed().toList();
            long after = next;
            for (Document commit : commits.find(Filters.in(ID, positions))) {
                after = Math.max(after, CommitDocument.last(commit) + 1);
            }
            if (after == next) {
                return next;
            }
            from = Math.max(upTo, after);
            next = after;
        }
    }

    /**
     * Takes {@code count} positions and answers the last; the same update stamps the reservation with the server's
     * time, so that readers can tell how old a position that stays empty is. The document before the increment is
     * asked for: mongo-java-server answers the document after it by reference, and a concurrent increment can change
     * it before the answer is sent, handing out a position twice.
     */
    long allocate(int count) {
        Document before = sequence.findOneAndUpdate(Filters.eq(ID, POSITION_COUNTER),
                                                    Updates.combine(Updates.inc(COUNTER_VALUE, (long) count),
                                                                    Updates.currentDate(RESERVED_AT)),
                                                    new FindOneAndUpdateOptions()
                                                            .returnDocument(ReturnDocument.BEFORE));
        if (before == null) {
            throw new EventStoreException("The event position counter is missing from "
                                          + MongoEventLog.SEQUENCE_COLLECTION);
        }
        return before.get(COUNTER_VALUE, Number.class).longValue() + count - 1;
    }

    /** The last position handed out, -1 before the first. */
    long lastAllocated() {
        return reserved().last();
    }

    /** The last position handed out and the server's time of that reservation. */
    Reserved reserved() {
        Document counter = sequence.find(Filters.eq(ID, POSITION_COUNTER)).first();
        if (counter == null) {
            return new Reserved(-1, null);
        }
        Date reservedAt = counter.getDate(RESERVED_AT);
        return new Reserved(counter.get(COUNTER_VALUE, Number.class).longValue() - 1,
                            reservedAt == null ? null : reservedAt.toInstant());
    }
}
