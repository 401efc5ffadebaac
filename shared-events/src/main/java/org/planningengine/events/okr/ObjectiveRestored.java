package org.planningengine.events.okr;

import org.axonframework.serialization.Revision;

/** An archived objective was restored (the reason is in the event's metadata), with the status it had. */
@Revision("1")
public record ObjectiveRestored(String objectiveId, String cycleId, ObjectiveStatus status) {
}
