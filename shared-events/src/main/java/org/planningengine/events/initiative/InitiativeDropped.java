package org.planningengine.events.initiative;

import org.axonframework.serialization.Revision;

/** An initiative was dropped (the reason is in the event's metadata); {@code fromStatus} tells a drop after commit. */
@Revision("1")
public record InitiativeDropped(String initiativeId, String cycleId, InitiativeStatus fromStatus) {
}
