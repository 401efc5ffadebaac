package org.planningengine.eventlog.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.planningengine.events.okr.KeyResultUpdated;

/**
 * {@code KeyResultUpdated} revision 1 to 2: revision 2 says when the value was measured. A check-in of revision 1
 * could not say, and was measured when it was recorded: it reads with {@code measuredAt} its own timestamp, which the
 * log keeps with it, so every reader (an aggregate loading, a projection replaying) gets the same instant.
 */
public class KeyResultUpdatedUpcaster extends SingleEventUpcaster {

    private static final String TYPE = KeyResultUpdated.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().getName().equals(TYPE) && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        String recordedAt = representation.getTimestamp().toString();
        return representation.upcastPayload(new SimpleSerializedType(TYPE, "2"), JsonNode.class,
                                            json -> ((ObjectNode) json).put("measuredAt", recordedAt));
    }
}
