package org.planningengine.events.okr;

import org.axonframework.serialization.Revision;

/**
 * An objective was archived (the reason is in the event's metadata): hidden from the views by default, its history
 * kept whole. {@code status} is the one it had, which archiving leaves as it was.
 */
@Revision("1")
public record ObjectiveArchived(String objectiveId, String cycleId, ObjectiveStatus status) {
}
