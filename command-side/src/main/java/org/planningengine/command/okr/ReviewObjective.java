package org.planningengine.command.okr;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.okr.ReviewOutcome;

/** A quarterly review: keep, adjust (with the changes) or retire the objective; a reason is required. */
public record ReviewObjective(String objectiveId, ReviewOutcome outcome, ObjectiveChanges changes, String reason)
        implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.objective(objectiveId);
    }
}
