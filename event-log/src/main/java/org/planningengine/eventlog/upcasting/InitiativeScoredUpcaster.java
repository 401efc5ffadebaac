package org.planningengine.eventlog.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.planningengine.events.initiative.InitiativeScored;

import java.util.Iterator;
import java.util.Map;

/**
 * {@code InitiativeScored} revision 1 to 2: revision 2 names the cycle the initiative was scored in. A revision-1
 * event does not say, and an upcaster sees one event alone, so it reads with no cycle; readers that need it look it
 * up as they did before.
 */
public class InitiativeScoredUpcaster extends SingleEventUpcaster {

    private static final String TYPE = InitiativeScored.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().getName().equals(TYPE) && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, "2"), JsonNode.class, json -> {
            // Keep the field order of revision 2: cycleId right after initiativeId.
            ObjectNode revision2 = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                revision2.set(field.getKey(), field.getValue());
                if (field.getKey().equals("initiativeId")) {
                    revision2.putNull("cycleId");
                }
            }
            return revision2;
        });
    }
}
