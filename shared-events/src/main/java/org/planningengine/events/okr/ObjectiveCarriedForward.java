package org.planningengine.events.okr;

import org.axonframework.serialization.Revision;

import java.util.List;

/** The objective was refined into a successor in a later cycle, taking these key results along. */
@Revision("1")
public record ObjectiveCarriedForward(String objectiveId, String toCycleId, String successorObjectiveId,
                                      List<String> keyResultIds) {
}
