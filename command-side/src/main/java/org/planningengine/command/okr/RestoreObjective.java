package org.planningengine.command.okr;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/** Restore an archived objective as it was; a reason is required. */
public record RestoreObjective(String objectiveId, String reason) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.objective(objectiveId);
    }
}
