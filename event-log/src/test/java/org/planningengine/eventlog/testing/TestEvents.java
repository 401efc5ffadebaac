package org.planningengine.eventlog.testing;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Revision;
import org.planningengine.events.EventMetadata;

import java.time.Instant;
import java.util.UUID;

/** Small test-only events; the domain's events come with the domain issues. */
public final class TestEvents {

    public static final String AGGREGATE_TYPE = "Counter";

    @Revision("1")
    public record CounterIncremented(String counterId, long value) {
    }

    @Revision("1")
    public record Announced(String text) {
    }

    private TestEvents() {
    }

    public static DomainEventMessage<CounterIncremented> incremented(String counterId, long sequence) {
        return incremented(counterId, sequence, Instant.now());
    }

    /** An event stamped at the given instant, as if created then and appended later. */
    public static DomainEventMessage<CounterIncremented> incremented(String counterId, long sequence, Instant stampedAt) {
        return new GenericDomainEventMessage<>(AGGREGATE_TYPE, counterId, sequence,
                                               new CounterIncremented(counterId, sequence), metaData(),
                                               UUID.randomUUID().toString(), stampedAt);
    }

    public static EventMessage<Announced> announced(String text) {
        return GenericEventMessage.<Announced>asEventMessage(new Announced(text)).withMetaData(metaData());
    }

    private static MetaData metaData() {
        return MetaData.with(EventMetadata.ACTOR, "tester")
                       .and(EventMetadata.CORRELATION_ID, UUID.randomUUID().toString());
    }
}
