package org.planningengine.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.planningengine.events.EventMetadata;
import org.planningengine.eventlog.CommittedEvent;
import org.planningengine.eventlog.MongoEventLog;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a write under an idempotency key answered, kept with its events: the command carries the request's digest,
 * the id it answered and the aggregate whose version it answered in its metadata, and the log lets the key take a
 * key of its unique index, so one commit at most holds it. Answered from that commit, by its unique key.
 */
@Component
public class IdempotentAnswers {

    private static final ObjectMapper METADATA_READER = new ObjectMapper();

    /** What a write answered, and the digest of the request that it answered. */
    public record StoredAnswer(String requestDigest, String id, long version, long position) {
    }

    private final MongoEventLog log;

    public IdempotentAnswers(MongoEventLog log) {
        this.log = log;
    }

    /** The answer of the write that committed under this key; empty when none did (or when it appended nothing). */
    public Optional<StoredAnswer> answerFor(String idempotencyKey) {
        List<CommittedEvent> events = log.committedUnder(idempotencyKey);
        if (events.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> metaData = metaData(events.get(0));
        Object answerAggregate = metaData.get(EventMetadata.ANSWER_AGGREGATE);
        for (int i = events.size() - 1; i >= 0; i--) {
            CommittedEvent event = events.get(i);
            if (event.aggregateId().equals(answerAggregate)) {
                return Optional.of(new StoredAnswer((String) metaData.get(EventMetadata.REQUEST_DIGEST),
                                                    (String) metaData.get(EventMetadata.ANSWER_ID),
                                                    event.sequence(), event.position()));
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> metaData(CommittedEvent event) {
        try {
            return METADATA_READER.readValue(event.metaData(), new TypeReference<>() {
            });
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("the metadata of event " + event.aggregateId() + ":" + event.sequence()
                                            + " is not JSON", unreadable);
        }
    }
}
