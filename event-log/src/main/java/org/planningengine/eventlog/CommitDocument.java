package org.planningengine.eventlog;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.planningengine.events.EventMetadata;
import org.bson.Document;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The shape of the log in MongoDB. One document per commit (the events one unit of work appended), so a commit
 * becomes visible all at once without transactions:
 *
 * <pre>
 * { _id: first global position, last: last global position, committedAt: Date,
 *   keys: ["aggregateId:sequence", ...,       unique: a second append at the same (aggregate, sequence) fails,
 *          "!idempotency:key"],              and so does a second commit of a request's idempotency key
 *   events: [{ id, aggregateType, aggregateId, seq, timestamp, payloadType, payloadRevision, payload, metaData }] }
 * </pre>
 * A tombstone holds positions and no events, with {@code closed: "failed" | "abandoned"}.
 * <p>
 * The i-th event of a commit has global position {@code _id + i}. Snapshots use the event shape with the aggregate id
 * as {@code _id}.
 */
final class CommitDocument {

    static final String ID = "_id";
    static final String LAST = "last";
    static final String COMMITTED_AT = "committedAt";
    static final String KEYS = "keys";
    static final String EVENTS = "events";
    static final String TIMESTAMP = "timestamp";
    static final String EVENT_TIMESTAMP = EVENTS + "." + TIMESTAMP;
    static final String CLOSED = "closed";
    static final String FAILED = "failed";
    static final String ABANDONED = "abandoned";

    /** Fixed width, so timestamps compare as strings in the order they compare as instants, to the nanosecond. */
    private static final DateTimeFormatter TIMESTAMP_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    private CommitDocument() {
    }

    static Document commit(long first, long last, Instant committedAt, List<? extends EventMessage<?>> messages,
                           Serializer serializer) {
        List<String> keys = new ArrayList<>();
        List<Document> events = new ArrayList<>(messages.size());
        for (EventMessage<?> message : messages) {
            events.add(event(message, serializer));
            if (message instanceof DomainEventMessage<?> domain && domain.getType() != null) {
                keys.add(key(domain.getAggregateIdentifier(), domain.getSequenceNumber()));
            }
        }
        // A request's idempotency key takes a key of the unique index too: a retry's commit cannot land twice.
        messages.stream().map(message -> message.getMetaData().get(EventMetadata.IDEMPOTENCY_KEY))
                .filter(String.class::isInstance).map(key -> idempotencyKey((String) key)).distinct()
                .forEach(keys::add);
        if (keys.isEmpty()) {
            // The unique index needs a key of its own for a commit without domain events.
            keys.add(positionKey(first));
        }
        return new Document(ID, first)
                .append(LAST, last)
                .append(COMMITTED_AT, Date.from(committedAt))
                .append(KEYS, keys)
                .append(EVENTS, events);
    }

    /**
     * Takes positions no commit will fill, so readers skip them at once and a late insert of a commit there cannot
     * land: {@code closed} says why, {@link #FAILED} (its writer's insert failed) or {@link #ABANDONED} (a reader
     * found them reserved longer ago than the gap timeout and never filled).
     */
    static Document tombstone(long first, long last, Instant committedAt, String closed) {
        return new Document(ID, first)
                .append(LAST, last)
                .append(COMMITTED_AT, Date.from(committedAt))
                .append(KEYS, List.of(positionKey(first)))
                .append(EVENTS, List.of())
                .append(CLOSED, closed);
    }

    /** A document that holds positions but no events: a tombstone. */
    static boolean isTombstone(Document commit) {
        return events(commit).isEmpty();
    }

    static Document event(EventMessage<?> message, Serializer serializer) {
        SerializedObject<String> payload = message.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = message.serializeMetaData(serializer, String.class);
        Document event = new Document("id", message.getIdentifier());
        if (message instanceof DomainEventMessage<?> domain && domain.getType() != null) {
            event.append("aggregateType", domain.getType())
                 .append("aggregateId", domain.getAggregateIdentifier())
                 .append("seq", domain.getSequenceNumber());
        }
        return event.append(TIMESTAMP, timestamp(message.getTimestamp()))
                    .append("payloadType", payload.getType().getName())
                    .append("payloadRevision", payload.getType().getRevision())
                    .append("payload", payload.getData())
                    .append("metaData", metaData.getData());
    }

    /** The index key of a request's idempotency key; no aggregate key starts like it. */
    static String idempotencyKey(String key) {
        return "!idempotency:" + key;
    }

    static String key(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + ":" + sequenceNumber;
    }

    private static String positionKey(long position) {
        // No ':' in it, so it never equals an aggregate key.
        return "#" + position;
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP_FORMAT.format(instant);
    }

    static long first(Document commit) {
        return commit.get(ID, Number.class).longValue();
    }

    static long last(Document commit) {
        return commit.get(LAST, Number.class).longValue();
    }

    static List<Document> events(Document commit) {
        return commit.getList(EVENTS, Document.class);
    }

    /** Whether two commits hold the same events (event ids are unique). */
    static boolean sameEvents(Document one, Document other) {
        return events(one).stream().map(e -> e.getString("id")).toList()
                          .equals(events(other).stream().map(e -> e.getString("id")).toList());
    }

    static boolean isDomainEvent(Document event) {
        return event.containsKey("aggregateId");
    }

    static String aggregateId(Document event) {
        return event.getString("aggregateId");
    }

    static long sequence(Document event) {
        return event.get("seq", Number.class).longValue();
    }

    static Instant timestampOf(Document event) {
        return Instant.parse(event.getString(TIMESTAMP));
    }

    static DomainEventData<String> domainEntry(Document event) {
        return new GenericDomainEventEntry<>(event.getString("aggregateType"),
                                             event.getString("aggregateId"),
                                             sequence(event),
                                             event.getString("id"),
                                             event.getString(TIMESTAMP),
                                             event.getString("payloadType"),
                                             event.getString("payloadRevision"),
                                             event.getString("payload"),
                                             event.getString("metaData"));
    }

    static TrackedEventData<String> trackedEntry(Document event, TrackingToken token) {
        if (isDomainEvent(event)) {
            return new TrackedDomainEventData<>(token, domainEntry(event));
        }
        return new TrackedEventEntry(token,
                                     event.getString("id"),
                                     Instant.parse(event.getString(TIMESTAMP)),
                                     event.getString("payloadType"),
                                     event.getString("payloadRevision"),
                                     event.getString("payload"),
                                     event.getString("metaData"));
    }
}
