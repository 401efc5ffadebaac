package org.planningengine.command.okr;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/** Set an objective for a cycle, owned by a team or (no owner) by the organisation, optionally under a parent. */
public record SetObjective(String objectiveId, String cycleId, String ownerTeamId, String title,
                           String parentObjectiveId) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.objective(objectiveId);
    }
}
