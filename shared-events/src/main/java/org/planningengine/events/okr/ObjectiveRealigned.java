package org.planningengine.events.okr;

import org.axonframework.serialization.Revision;

/**
 * The engine aligned the objective under another parent: a carried-forward objective follows its predecessor's parent
 * when that one is carried into the same cycle after it. The reason names the carry-forward that caused it.
 */
@Revision("1")
public record ObjectiveRealigned(String objectiveId, String previousParentObjectiveId, String parentObjectiveId) {
}
