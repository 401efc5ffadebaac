package org.planningengine.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.Test;
import org.planningengine.eventlog.serialization.EventSerialization;
import org.planningengine.eventlog.testing.MongoTestServer;
import org.planningengine.eventlog.testing.TestEvents.CounterIncremented;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.planningengine.eventlog.testing.TestEvents.incremented;

/** An event stored in an older shape is upcast when an aggregate loads and when processors track. */
class UpcastingTest {

    /** Revision 0 named the fields {@code counter} and {@code count}. */
    static class CounterIncrementedFromRevision0 extends SingleEventUpcaster {
        private static final String TYPE = CounterIncremented.class.getName();

        @Override
        protected boolean canUpcast(IntermediateEventRepresentation representation) {
            return representation.getType().getName().equals(TYPE)
                    && "0".equals(representation.getType().getRevision());
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
            return representation.upcastPayload(new SimpleSerializedType(TYPE, "1"), JsonNode.class, json -> {
                ObjectNode payload = (ObjectNode) json;
                payload.set("counterId", payload.remove("counter"));
                payload.set("value", payload.remove("count"));
                return payload;
            });
        }
    }

    @Test
    void upcastsAStoredRevision0EventOnLoadAndOnTracking() throws Exception {
        MongoDatabase database = MongoTestServer.newDatabase();
        MongoEventLog log = MongoEventLog.builder()
                                         .database(database)
                                         .eventSerializer(EventSerialization.serializer())
                                         .upcasterChain(new EventUpcasterChain(new CounterIncrementedFromRevision0()))
                                         .build();
        log.appendEvents(incremented("c-1", 0));
        String revision0 = new String(Objects.requireNonNull(getClass().getResourceAsStream(
                "/upcasting/counter-incremented-revision-0.json")).readAllBytes(), StandardCharsets.UTF_8).trim();
        // Put the old shape where the event was stored, as an engine of that time would have.
        database.getCollection(MongoEventLog.EVENTS_COLLECTION)
                .updateOne(Filters.eq("_id", 0L), Updates.combine(Updates.set("events.0.payload", revision0),
                                                                  Updates.set("events.0.payloadRevision", "0")));

        assertThat(log.readEvents("c-1").next().getPayload()).isEqualTo(new CounterIncremented("c-1", 5));
        assertThat(log.readEvents(null, false).findFirst().orElseThrow().getPayload())
                .isEqualTo(new CounterIncremented("c-1", 5));
    }
}
