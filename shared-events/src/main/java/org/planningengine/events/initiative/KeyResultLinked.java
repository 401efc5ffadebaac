package org.planningengine.events.initiative;

import org.axonframework.serialization.Revision;

/** An initiative is meant to move a key result. */
@Revision("1")
public record KeyResultLinked(String initiativeId, String objectiveId, String keyResultId) {
}
