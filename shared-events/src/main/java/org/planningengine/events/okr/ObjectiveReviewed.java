package org.planningengine.events.okr;

import org.axonframework.serialization.Revision;

import java.util.List;

/** A quarterly review kept, adjusted (with the fields it changed) or retired an objective; the reason is metadata. */
@Revision("1")
public record ObjectiveReviewed(String objectiveId, ReviewOutcome outcome, List<FieldChange> changes) {
}
