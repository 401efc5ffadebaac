package org.planningengine.events.initiative;

import org.axonframework.serialization.Revision;

/** An archived initiative was restored (the reason is in the event's metadata), with the status it had. */
@Revision("1")
public record InitiativeRestored(String initiativeId, String cycleId, InitiativeStatus status) {
}
