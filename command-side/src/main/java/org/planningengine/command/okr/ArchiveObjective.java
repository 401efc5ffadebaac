package org.planningengine.command.okr;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/** Archive a settled objective (retired or graded), or one of a closed or archived cycle; a reason is required. */
public record ArchiveObjective(String objectiveId, String reason) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.objective(objectiveId);
    }
}
