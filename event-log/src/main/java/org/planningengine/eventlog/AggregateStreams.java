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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
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
        return lastSequenceNumber(aggregateIdentifier, 0, batchSize);
    }

    /** The last sequence number of the aggregate's events from this one on (a branch's begin after the fork's). */
    Optional<Long> lastSequenceNumber(String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
        Long last = null;
        long next = firstSequenceNumber;
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
     * The aggregates whose identifiers start with the prefix, found by their first events' keys: an anchored range of
     * the unique index on MongoDB, a scan of the log on mongo-java-server.
     */
    List<String> aggregatesStartingWith(String prefix) {
        Pattern firstKey = Pattern.compile("^" + literal(prefix) + ".*:0$");
        Set<String> found = new LinkedHashSet<>();
        commits.find(Filters.regex(CommitDocument.KEYS, firstKey)).projection(Projections.include(CommitDocument.KEYS))
               .forEach(commit -> commit.getList(CommitDocument.KEYS, String.class).stream()
                                        .filter(key -> firstKey.matcher(key).matches())
                                        .map(key -> key.substring(0, key.length() - ":0".length()))
                                        .forEach(found::add));
        return List.copyOf(found);
    }

    /**
     * The aggregates with an event of one of the types whose stored payload contains the text, each once: a scan of
     * the whole log, for a rare command that must find what no key names.
     */
    List<String> aggregatesMentioning(Collection<String> payloadTypes, String text) {
        Pattern mention = Pattern.compile(literal(text));
        Bson event = Filters.and(Filters.in("payloadType", payloadTypes), Filters.regex("payload", mention));
        Set<String> found = new LinkedHashSet<>();
        commits.find(Filters.elemMatch(CommitDocument.EVENTS, event))
               .projection(Projections.include(CommitDocument.EVENTS + ".aggregateId",
                                               CommitDocument.EVENTS + ".payloadType",
                                               CommitDocument.EVENTS + ".payload"))
               .forEach(commit -> CommitDocument.events(commit).stream()
                       .filter(CommitDocument::isDomainEvent)
                       .filter(stored -> payloadTypes.contains(stored.getString("payloadType"))
                                         && stored.getString("payload").contains(text))
                       .map(CommitDocument::aggregateId).forEach(found::add));
        return List.copyOf(found);
    }

    /** The text as a regular expression that matches it literally, in Java's and MongoDB's dialects alike. */
    private static String literal(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            escaped.append(Character.isLetterOrDigit(c) ? "" : "\\").append(c);
        }
        return escaped.toString();
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
