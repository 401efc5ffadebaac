package org.planningengine.events.initiative;

import org.axonframework.serialization.Revision;

/**
 * An initiative was archived (the reason is in the event's metadata): hidden from the views by default, its history
 * kept whole. {@code status} is the one it had, which archiving leaves as it was.
 */
@Revision("1")
public record InitiativeArchived(String initiativeId, String cycleId, InitiativeStatus status) {
}
