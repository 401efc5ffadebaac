package org.planningengine.events.okr;

import org.axonframework.serialization.Revision;

/**
 * An objective aligned under this one was carried forward before this one was: when this one is carried into the same
 * cycle, the child's successor is aligned under this one's successor ({@link ObjectiveRealigned}). Kept on the
 * parent's stream, where its own carry-forward finds it.
 */
@Revision("1")
public record ChildObjectiveCarriedForward(String objectiveId, String childObjectiveId, String toCycleId,
                                           String successorObjectiveId) {
}
