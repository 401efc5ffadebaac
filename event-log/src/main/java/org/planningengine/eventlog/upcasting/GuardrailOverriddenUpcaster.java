package org.planningengine.eventlog.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.planningengine.events.capacity.GuardrailOverridden;

import java.util.Iterator;
import java.util.Map;

/**
 * {@code GuardrailOverridden} revision 1 to 2: revision 2 says what caused the override. Only an allocation could
 * override a guardrail before, so a revision-1 event reads with the cause {@code ALLOCATION} (and keeps its
 * initiative).
 */
public class GuardrailOverriddenUpcaster extends SingleEventUpcaster {

    private static final String TYPE = GuardrailOverridden.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().getName().equals(TYPE) && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, "2"), JsonNode.class, json -> {
            // Keep the field order of revision 2: the cause right after the team.
            ObjectNode revision2 = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                revision2.set(field.getKey(), field.getValue());
                if (field.getKey().equals("teamId")) {
                    revision2.put("cause", GuardrailOverridden.Cause.ALLOCATION.name());
                }
            }
            return revision2;
        });
    }
}
