package org.planningengine.benchmarks;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Commit documents of the event log's shape, one InitiativeScored event each, for the raw-driver baselines. */
final class SyntheticCommits {

    private static final String PAYLOAD_START =
            "{\"initiativeId\":\"%s\",\"reach\":12500,\"impact\":2.0,\"confidence\":0.8,\"effort\":3.5,"
                    + "\"score\":5714.29,\"scoredBy\":\"product-council\",\"rationale\":\"";
    private static final String META_DATA_START =
            "{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"correlationId\":\"%s\",\"userId\":\"u-";

    private SyntheticCommits() {
    }

    /** A commit of one InitiativeScored event; positions start at 1. */
    static Document commit(long position, long aggregates) {
        String aggregateId = aggregateId((position - 1) % aggregates);
        long seq = (position - 1) / aggregates;
        Instant now = Instant.now();
        Document event = new Document("id", UUID.randomUUID().toString())
                .append("aggregateType", "Initiative")
                .append("aggregateId", aggregateId)
                .append("seq", seq)
                .append("timestamp", now.toString())
                .append("payloadType", "org.planningengine.events.initiative.InitiativeScored")
                .append("payloadRevision", "1")
                .append("payload", padJson(PAYLOAD_START.formatted(aggregateId), 400))
                .append("metaData", padJson(META_DATA_START.formatted(UUID.randomUUID()), 150));
        return new Document("_id", position)
                .append("last", position)
                .append("committedAt", Date.from(now))
                .append("keys", List.of(aggregateId + ":" + seq))
                .append("events", List.of(event));
    }

    static String aggregateId(long aggregate) {
        return String.format("initiative-%08d-0000-4000-8000-000000000000", aggregate);
    }

    private static String padJson(String start, int length) {
        StringBuilder json = new StringBuilder(start);
        String words = "scored against the quarterly capacity budget with reach from the last cohort ";
        while (json.length() < length - 2) {
            json.append(words.charAt(json.length() % words.length()));
        }
        return json.append("\"}").toString();
    }
}
