package org.planningengine.events.cycle;

import org.axonframework.serialization.Revision;

/** An archived cycle was restored (the reason is in the event's metadata), with the status it had. */
@Revision("1")
public record CycleRestored(String cycleId, CycleStatus status) {
}
