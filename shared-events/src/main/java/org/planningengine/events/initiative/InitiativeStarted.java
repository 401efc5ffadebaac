package org.planningengine.events.initiative;

import org.axonframework.serialization.Revision;

/** An initiative was work on it began. */
@Revision("1")
public record InitiativeStarted(String initiativeId, String cycleId) {
}
