package org.planningengine.query.feed;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.planningengine.events.EventMetadata;
import org.planningengine.query.views.BadQuery;
import org.planningengine.query.views.ViewOutOfRange;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The log's events in the order of their global positions, as {@link FeedEvent}s, read from the log itself (not
 * from a view: a replay of the views never changes it, and every query replica answers the same).
 * <p>
 * Exact: a page ends before the first position that no commit fills yet. A commit takes its positions before it is
 * stored, so a slow commit can land after a later one; a cursor that moved past its position would never see it.
 * The page stops there instead, and goes on once the position is filled or closed for good (a failed or abandoned
 * commit's positions are closed by a tombstone in the log).
 */
@Component
public class Feed {

    /** The most events one page answers. */
    public static final int MAX_LIMIT = 1000;
    /** The most events one page reads looking for matches of its filters; the cursor moves past them all. */
    static final int SCAN = 5_000;

    /**
     * @param events   the events after the cursor, in position order
     * @param next     the cursor for the next page: the last position read (matched or not), or the cursor given
     * @param caughtUp whether the page read every event the log holds without a gap before it
     */
    public record Page(List<FeedEvent> events, Long next, boolean caughtUp) {
    }

    private final EventStorageEngine log;
    private final Subjects subjects;

    public Feed(EventStorageEngine log) {
        this.log = log;
        this.subjects = new Subjects(log);
    }

    /**
     * @param after   the cursor: events after this position; null for the log's first
     * @param limit   the most events answered, 1 to {@link #MAX_LIMIT}
     * @param types   only events of these types; empty for all
     * @param cycleId only events whose subject was in this cycle; null for all
     */
    public Page page(Long after, int limit, Set<String> types, String cycleId) {
        List<FeedEvent> events = new ArrayList<>();
        Long next = after;
        int read = 0;
        boolean caughtUp = true;
        GapAwareTrackingToken from = after == null ? null : GapAwareTrackingToken.newInstance(after, List.of());
        try (Stream<? extends TrackedEventMessage<?>> stream = log.readEvents(from, false)) {
            Iterator<? extends TrackedEventMessage<?>> tracked = stream.iterator();
            while (tracked.hasNext()) {
                if (events.size() == limit || read == SCAN) {
                    caughtUp = false;
                    break;
                }
                TrackedEventMessage<?> message = tracked.next();
                GapAwareTrackingToken token = (GapAwareTrackingToken) message.trackingToken();
                if (!token.getGaps().isEmpty()) { // a position before this one is not in the log yet
                    caughtUp = false;
                    break;
                }
                read++;
                next = token.getIndex();
                of(message, token.getIndex()).filter(event -> types.isEmpty() || types.contains(event.type()))
                        .filter(event -> cycleId == null || cycleId.equals(event.subject().cycleId()))
                        .ifPresent(events::add);
            }
        }
        return new Page(events, next, caughtUp);
    }

    /** The event as the feed shows it; empty for an event of a type the feed does not carry. */
    private Optional<FeedEvent> of(TrackedEventMessage<?> message, long position) {
        if (!(message instanceof DomainEventMessage<?> event)) {
            return Optional.empty();
        }
        return IntegrationEvents.of(event.getPayload()).map(shape -> new FeedEvent(
                position, event.getIdentifier(), event.getPayloadType().getSimpleName(), shape.getKey(),
                event.getTimestamp(), text(event, EventMetadata.ACTOR), text(event, EventMetadata.REASON),
                text(event, EventMetadata.CORRELATION_ID), subjects.of(event), shape.getValue()));
    }

    private static String text(DomainEventMessage<?> event, String key) {
        Object value = event.getMetaData().get(key);
        return value == null ? null : value.toString();
    }

    /**
     * A reader's question, read strictly from its parameters: a cursor that is not a position, a limit out of range or
     * a type the feed does not carry is refused, not ignored.
     *
     * @param after   events after this position; null for the log's first
     * @param limit   the most events a page answers
     * @param types   only these types; empty for all
     * @param cycleId only events whose subject was in this cycle; null for all
     */
    public record Query(Long after, int limit, Set<String> types, String cycleId) {

        public static final int DEFAULT_LIMIT = 100;

        public static Query of(String after, String limit, String types, String cycleId) {
            Long cursor = null;
            if (after != null) {
                try {
                    cursor = Long.parseLong(after.strip());
                } catch (NumberFormatException notANumber) {
                    throw new BadQuery("after", "after must be a position of the log, a whole number (was '"
                                                + after + "')");
                }
                if (cursor < 0) {
                    throw new ViewOutOfRange("after", "after must be 0 or more (was " + cursor + ")");
                }
            }
            int size = DEFAULT_LIMIT;
            if (limit != null) {
                try {
                    size = Integer.parseInt(limit.strip());
                } catch (NumberFormatException notANumber) {
                    throw new BadQuery("limit", "limit must be a whole number (was '" + limit + "')");
                }
                if (size < 1 || size > MAX_LIMIT) {
                    throw new ViewOutOfRange("limit", "limit must be 1 to " + MAX_LIMIT + " (was " + size + ")");
                }
            }
            Set<String> named = new TreeSet<>();
            if (types != null) {
                for (String type : types.split(",")) {
                    if (!type.isBlank()) {
                        named.add(type.strip());
                    }
                }
                List<String> unknown = named.stream().filter(type -> !IntegrationEvents.TYPES.contains(type)).toList();
                if (!unknown.isEmpty()) {
                    throw new BadQuery("types", "the feed carries no events of type " + String.join(", ", unknown)
                                                + "; it carries " + String.join(", ", IntegrationEvents.TYPES));
                }
            }
            return new Query(cursor, size, Set.copyOf(named), cycleId);
        }

        /** The same question from another cursor. */
        public Query after(Long position) {
            return new Query(position, limit, types, cycleId);
        }
    }

    public Page page(Query query) {
        return page(query.after(), query.limit(), query.types(), query.cycleId());
    }
}
