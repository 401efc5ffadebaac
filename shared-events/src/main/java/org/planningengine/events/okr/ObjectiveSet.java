package org.planningengine.events.okr;

import org.axonframework.serialization.Revision;

/**
 * An objective was set for a cycle, owned by a team or (no owner) by the organisation, optionally aligned under a
 * parent objective of the same cycle. {@code predecessorObjectiveId} names the objective it carries forward, if any.
 */
@Revision("1")
public record ObjectiveSet(String objectiveId, String cycleId, String ownerTeamId, String title,
                           String parentObjectiveId, String predecessorObjectiveId) {
}
