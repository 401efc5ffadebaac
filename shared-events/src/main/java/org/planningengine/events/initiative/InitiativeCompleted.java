package org.planningengine.events.initiative;

import org.axonframework.serialization.Revision;

/** An initiative was it was done. */
@Revision("1")
public record InitiativeCompleted(String initiativeId, String cycleId) {
}
