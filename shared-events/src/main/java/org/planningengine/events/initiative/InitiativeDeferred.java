package org.planningengine.events.initiative;

import org.axonframework.serialization.Revision;

/**
 * An initiative moved to a later cycle, keeping its id and history; it is proposed there again. {@code fromStatus}
 * tells a deferral after commit.
 */
@Revision("1")
public record InitiativeDeferred(String initiativeId, String fromCycleId, String toCycleId,
                                 InitiativeStatus fromStatus) {
}
