package org.planningengine.events.cycle;

import org.axonframework.serialization.Revision;

/**
 * A cycle was archived (the reason is in the event's metadata): hidden from the views by default, it takes no new
 * work. {@code status} is the one it had, which archiving leaves as it was.
 */
@Revision("1")
public record CycleArchived(String cycleId, CycleStatus status) {
}
