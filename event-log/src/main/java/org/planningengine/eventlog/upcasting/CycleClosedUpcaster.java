package org.planningengine.eventlog.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.planningengine.events.cycle.CycleClosed;

/**
 * {@code CycleClosed} revision 1 to 2: revision 2 records the work the cycle closed with. A revision-1 close did not
 * look, so it reads with {@code unfinished} null, which means "not known", never an empty list, which means "none".
 */
public class CycleClosedUpcaster extends SingleEventUpcaster {

    private static final String TYPE = CycleClosed.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().getName().equals(TYPE) && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, "2"), JsonNode.class, json -> {
            ObjectNode revision2 = ((ObjectNode) json).deepCopy();
            revision2.putNull("unfinished");
            return revision2;
        });
    }
}
