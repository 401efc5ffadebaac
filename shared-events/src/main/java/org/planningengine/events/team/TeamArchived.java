package org.planningengine.events.team;

import org.axonframework.serialization.Revision;

/**
 * A team was archived (the reason is in the event's metadata): hidden from the views by default, it takes no new
 * work; what it has can still be finished.
 */
@Revision("1")
public record TeamArchived(String teamId) {
}
