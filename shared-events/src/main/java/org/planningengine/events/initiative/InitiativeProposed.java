package org.planningengine.events.initiative;

import org.axonframework.serialization.Revision;

/** Someone proposed a unit of work for a team in a cycle. */
@Revision("1")
public record InitiativeProposed(String initiativeId, String cycleId, String teamId, String title,
                                 String description, Category category) {
}
