package org.planningengine.eventlog;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;

import static org.planningengine.eventlog.CommitDocument.ID;

/**
 * Reads the log in the order of its global positions for tracking processors, with Axon's
 * {@link GapAwareTrackingToken}: a position allocated but not visible yet is a gap that readers keep looking for
 * until a commit or a tombstone fills it; {@link AbandonedPositions} closes those no commit will fill. Every read is a
 * lookup by position ({@code _id $in}).
 */
final class Tracking {

    private static final int KEEP_EVERY_GAP = Integer.MAX_VALUE;
    /** How many positions before one {@link #timestampAt} looks up by key for the commit holding it. */
    private static final int TIMESTAMP_WINDOW = 32;
    /** How many positions after a token {@link #handledThrough} looks up at a time for tombstones. */
    private static final int CLOSED_WINDOW = 32;
    /** How many positions below a token's next one {@link #commitReaching} looks up for the commit holding it. */
    private static final int REACH_WINDOW = 32;

    private final MongoCollection<Document> commits;
    private final PositionCounter positions;
    private final AbandonedPositions abandoned;

    Tracking(MongoCollection<Document> commits, PositionCounter positions, AbandonedPositions abandoned) {
        this.commits = commits;
        this.positions = positions;
        this.abandoned = abandoned;
    }

    List<? extends TrackedEventData<?>> eventsAfter(TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken start = gapAware(lastToken);
        TreeMap<Long, Document> found = new TreeMap<>();
        Collection<Long> lookup = new TreeSet<>(start.getGaps());
        long windowStart = start.getIndex() + 1;
        lookup.addAll(window(windowStart, batchSize));
        collect(lookup, found);
        if (!isCovered(found, windowStart)) {
            commitReaching(windowStart).ifPresent(commit -> found.put(CommitDocument.first(commit), commit));
        }
        // A window holding no events (positions of failed or crashed commits) is skipped, up to the last allocated.
        Long lastAllocated = null;
        while (!hasEventsFrom(found, windowStart)) {
            if (lastAllocated == null) {
                lastAllocated = positions.lastAllocated();
            }
            windowStart += batchSize;
            if (windowStart > lastAllocated) {
                break;
            }
            collect(window(windowStart, batchSize), found);
        }
        lookAgainBelowTheLastFound(start, found);
        SortedSet<Long> closed = abandoned.closeAbandoned(missing(start, found, lastAllocated));
        return trackedEvents(start, found, closed);
    }

    /**
     * The positions the reader waits for: the token's gaps that hold nothing yet and, when nothing after the token
     * holds an event, the positions up to the last one handed out that hold nothing yet (a writer that died with the
     * last reservation leaves no gap in any token, only an empty head).
     */
    private static SortedSet<Long> missing(GapAwareTrackingToken start, TreeMap<Long, Document> found,
                                           Long lastAllocated) {
        SortedSet<Long> missing = new TreeSet<>();
        for (long gap : start.getGaps()) {
            if (!isCovered(found, gap)) {
                missing.add(gap);
            }
        }
        if (lastAllocated != null && !hasEventsFrom(found, start.getIndex() + 1)) {
            for (long position = start.getIndex() + 1; position <= lastAllocated; position++) {
                if (!isCovered(found, position)) {
                    missing.add(position);
                }
            }
        }
        return missing;
    }

    private List<TrackedEventData<?>> trackedEvents(GapAwareTrackingToken start, TreeMap<Long, Document> found,
                                                    SortedSet<Long> closed) {
        GapAwareTrackingToken token = start;
        for (long gap : start.getGaps()) {
            if (closed.contains(gap)) {
                token = token.advanceTo(gap, KEEP_EVERY_GAP);
            }
        }
        List<TrackedEventData<?>> batch = new ArrayList<>();
        for (Document commit : found.values()) {
            long first = CommitDocument.first(commit);
            long last = CommitDocument.last(commit);
            List<Document> events = CommitDocument.events(commit);
            for (long position = first; position <= last; position++) {
                if (position <= start.getIndex() && !start.getGaps().contains(position)) {
                    continue;
                }
                token = token.advanceTo(position, KEEP_EVERY_GAP);
                int offset = (int) (position - first);
                if (offset < events.size()) {
                    batch.add(CommitDocument.trackedEntry(events.get(offset), token));
                }
            }
            abandoned.filled(first, last);
        }
        return batch;
    }

    /**
     * The last allocated position, with the positions near it that are not visible yet as gaps: a commit in flight
     * while the token is made is still delivered.
     */
    TrackingToken headToken(int batchSize) {
        long head = positions.lastAllocated();
        if (head < 0) {
            return null;
        }
        long from = Math.max(0, head - batchSize + 1);
        TreeMap<Long, Document> found = new TreeMap<>();
        // Look one batch further back, for a commit that starts before the window and reaches into it.
        collect(window(Math.max(0, from - batchSize), (int) (head - Math.max(0, from - batchSize) + 1)), found);
        SortedSet<Long> gaps = new TreeSet<>();
        for (long position = from; position < head; position++) {
            if (!isCovered(found, position)) {
                gaps.add(position);
            }
        }
        return GapAwareTrackingToken.newInstance(head, gaps);
    }

    /**
     * The highest position up to which the token's reader has handled every event: a gap it still waits for is not
     * handled, and a position that holds a tombstone (no events) needs no handling, whether inside the token's gaps
     * or after its index. -1 before the first. The token of a replay counts where the replay has come.
     */
    long handledThrough(TrackingToken token) {
        GapAwareTrackingToken reached = gapAware(WrappedToken.unwrapLowerBound(token));
        TreeMap<Long, Document> found = new TreeMap<>();
        Collection<Long> lookup = new TreeSet<>(reached.getGaps());
        long lookedUpTo = reached.getIndex() + CLOSED_WINDOW;
        lookup.addAll(window(reached.getIndex() + 1, CLOSED_WINDOW));
        collect(lookup, found);
        for (long gap : reached.getGaps()) {
            if (!isClosed(found, gap)) {
                return gap - 1;
            }
        }
        long through = reached.getIndex();
        while (isClosed(found, through + 1)) {
            through = CommitDocument.last(found.floorEntry(through + 1).getValue());
            if (through >= lookedUpTo) {
                collect(window(through + 1, CLOSED_WINDOW), found);
                lookedUpTo = through + CLOSED_WINDOW;
            }
        }
        return through;
    }

    /** A token before the first commit holding an event stamped at or after the instant (a scan; used rarely). */
    TrackingToken tokenAt(Instant dateTime, int batchSize) {
        Document first = commits.find(Filters.gte(CommitDocument.EVENT_TIMESTAMP, CommitDocument.timestamp(dateTime)))
                                .sort(Sorts.ascending(ID))
                                .limit(1)
                                .first();
        if (first == null) {
            return headToken(batchSize);
        }
        return GapAwareTrackingToken.newInstance(CommitDocument.first(first) - 1, List.of());
    }

    /**
     * The time of the event at this global position, or of the latest one before it when the position holds none (a
     * gap given up, an empty commit); empty before the first event. A key lookup of the commits around the position;
     * only a commit of more events than that window is found by a range query.
     */
    Optional<Instant> timestampAt(long position) {
        if (position < 0) {
            return Optional.empty();
        }
        long from = Math.max(0, position - TIMESTAMP_WINDOW + 1);
        TreeMap<Long, Document> found = new TreeMap<>();
        collect(LongStream.rangeClosed(from, position).boxed().toList(), found);
        Map.Entry<Long, Document> floor = found.floorEntry(position);
        Document commit = floor != null ? floor.getValue()
                                        : commits.find(Filters.lte(ID, position)).sort(Sorts.descending(ID)).limit(1)
                                                 .first();
        if (commit == null) {
            return Optional.empty();
        }
        List<Document> events = CommitDocument.events(commit);
        if (events.isEmpty()) {
            return timestampAt(CommitDocument.first(commit) - 1);
        }
        int offset = (int) Math.min(position - CommitDocument.first(commit), events.size() - 1);
        return Optional.of(CommitDocument.timestampOf(events.get(offset)));
    }

    /**
     * A query is no snapshot: it can miss a commit stored while it went by and still find a later one. An aggregate's
     * next event is only written once its last one is stored, so a position missed below a commit found may hold an
     * earlier event of the same aggregate; delivered late, as a gap, it would come after its successor. A second look,
     * made after the first was answered, finds every commit stored before the ones found.
     */
    private void lookAgainBelowTheLastFound(GapAwareTrackingToken start, TreeMap<Long, Document> found) {
        if (found.isEmpty()) {
            return;
        }
        long lastFound = found.lastKey();
        List<Long> missed = new ArrayList<>();
        for (long gap : start.getGaps()) {
            if (gap < lastFound && !isCovered(found, gap)) {
                missed.add(gap);
            }
        }
        for (long position = start.getIndex() + 1; position < lastFound; position++) {
            if (!isCovered(found, position)) {
                missed.add(position);
            }
        }
        if (!missed.isEmpty()) {
            collect(missed, found);
        }
    }

    /**
     * The commit that began before the position and holds it: a token in the middle of a commit of several events
     * (a reader that stopped there) goes on with the rest of it. The positions just below are looked up by key, as
     * an idle reader does at every poll; the range query, a scan of the whole log on mongo-java-server (which
     * indexes no range), only when none of them begins a commit.
     */
    private Optional<Document> commitReaching(long position) {
        if (position <= 0) {
            return Optional.empty();
        }
        TreeMap<Long, Document> below = new TreeMap<>();
        long from = Math.max(0, position - REACH_WINDOW);
        collect(window(from, (int) (position - from)), below);
        // Commits hold disjoint runs of positions: none that begins below the last one found can reach past it.
        Document before = !below.isEmpty() ? below.lastEntry().getValue()
                                           : commits.find(Filters.lt(ID, position)).sort(Sorts.descending(ID))
                                                    .limit(1).first();
        return before != null && CommitDocument.last(before) >= position ? Optional.of(before) : Optional.empty();
    }

    private void collect(Collection<Long> positions, TreeMap<Long, Document> found) {
        for (Document commit : commits.find(Filters.in(ID, positions))) {
            found.put(CommitDocument.first(commit), commit);
        }
    }

    private static boolean hasEventsFrom(TreeMap<Long, Document> found, long position) {
        return found.tailMap(position, true).values().stream()
                    .anyMatch(commit -> !CommitDocument.events(commit).isEmpty());
    }

    private static boolean isCovered(TreeMap<Long, Document> found, long position) {
        var floor = found.floorEntry(position);
        return floor != null && CommitDocument.last(floor.getValue()) >= position;
    }

    private static boolean isClosed(TreeMap<Long, Document> found, long position) {
        return isCovered(found, position) && CommitDocument.isTombstone(found.floorEntry(position).getValue());
    }

    private static List<Long> window(long from, int size) {
        return LongStream.range(from, from + size).boxed().toList();
    }

    private static GapAwareTrackingToken gapAware(TrackingToken token) {
        if (token == null) {
            return GapAwareTrackingToken.newInstance(-1, List.of());
        }
        if (token instanceof GapAwareTrackingToken gapAware) {
            return gapAware;
        }
        throw new IllegalArgumentException("The event log tracks with GapAwareTrackingToken, not " + token);
    }
}
