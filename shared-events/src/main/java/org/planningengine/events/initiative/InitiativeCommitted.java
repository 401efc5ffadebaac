package org.planningengine.events.initiative;

import org.axonframework.serialization.Revision;

/** An initiative was made part of its cycle's plan. */
@Revision("1")
public record InitiativeCommitted(String initiativeId, String cycleId) {
}
