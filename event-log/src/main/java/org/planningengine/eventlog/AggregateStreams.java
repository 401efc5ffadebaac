package org.planningengine.eventlog;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.axonframework.eventhandling.DomainEventData;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.LongStream;

import static org.planningengine.eventlog.CommitDocument.ID;

/**
 * Reads aggregates' streams, always by keys of the log's unique index ({@code aggregateId:sequence}), which stay
 * fast on mongo-java-server as on MongoDB.
 */
final class AggregateStreams {

    private static final Bson ONLY_SEQUENCES = Projections.include(CommitDocument.EVENTS + ".aggregateId",
                                                                   CommitDocument.EVENTS + ".seq");

    private final MongoCollection<Document> commits;

    AggregateStreams(MongoCollection<Document> commits) {
        this.commits = commits;
    }

    List<? extends DomainEventData<?>> events(String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
        List<DomainEventData<?>> batch = new ArrayList<>();
        for (Document commit : commitsHolding(aggregateIdentifier, firstSequenceNumber, batchSize, null)) {
            for (Document event : CommitDocument.events(commit)) {
                if (aggregateIdentifier.equals(CommitDocument.aggregateId(event))
                        && CommitDocument.sequence(event) >= firstSequenceNumber) {
                    batch.add(CommitDocument.domainEntry(event));
                }
            }
        }
        batch.sort(Comparator.comparingLong(DomainEventData::getSequenceNumber));
        return batch;
    }

    Optional<Long> lastSequenceNumber(String aggregateIdentifier, int batchSize) {
        Long last = null;
        long next = 0;
        boolean found = true;
        while (found) {
            found = false;
            for (Document commit : commitsHolding(aggregateIdentifier, next, batchSize, ONLY_SEQUENCES)) {
                for (Document event : CommitDocument.events(commit)) {
                    if (aggregateIdentifier.equals(CommitDocument.aggregateId(event))) {
                        long sequence = CommitDocument.sequence(event);
                        last = last == null ? sequence : Math.max(last, sequence);
                        found = true;
                    }
                }
            }
            next = last == null ? next : last + 1;
        }
        return Optional.ofNullable(last);
    }

    OptionalLong positionOf(String aggregateIdentifier, long sequenceNumber) {
        Document commit = commits.find(Filters.eq(CommitDocument.KEYS,
                                                  CommitDocument.key(aggregateIdentifier, sequenceNumber)))
                                 .projection(ONLY_SEQUENCES).first();
        if (commit == null) {
            return OptionalLong.empty();
        }
        List<Document> events = CommitDocument.events(commit);
        for (int i = 0; i < events.size(); i++) {
            if (aggregateIdentifier.equals(CommitDocument.aggregateId(events.get(i)))
                && CommitDocument.sequence(events.get(i)) == sequenceNumber) {
                return OptionalLong.of(CommitDocument.first(commit) + i);
            }
        }
        return OptionalLong.empty();
    }

    List<CommittedEvent> committedUnder(String idempotencyKey) {
        Document commit = commits.find(Filters.eq(CommitDocument.KEYS, CommitDocument.idempotencyKey(idempotencyKey)))
                                 .first();
        if (commit == null) {
            return List.of();
        }
        List<Document> events = CommitDocument.events(commit);
        List<CommittedEvent> committed = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Document event = events.get(i);
            if (CommitDocument.isDomainEvent(event)) {
                committed.add(new CommittedEvent(CommitDocument.aggregateId(event), CommitDocument.sequence(event),
                                                 CommitDocument.first(commit) + i, event.getString("metaData")));
            }
        }
        return committed;
    }

    /**
     * The commits holding any of the aggregate's events from the sequence number on, each once: mongo-java-server
     * answers a document once per key it matches.
     */
    private Collection<Document> commitsHolding(String aggregateIdentifier, long firstSequenceNumber, int count,
                                                Bson projection) {
        List<String> keys = LongStream.range(firstSequenceNumber, firstSequenceNumber + count)
                                      .mapToObj(sequence -> CommitDocument.key(aggregateIdentifier, sequence))
                                      .toList();
        Map<Object, Document> byPosition = new LinkedHashMap<>();
        commits.find(Filters.in(CommitDocument.KEYS, keys)).projection(projection)
               .forEach(commit -> byPosition.put(commit.get(ID), commit));
        return byPosition.values();
    }
}
