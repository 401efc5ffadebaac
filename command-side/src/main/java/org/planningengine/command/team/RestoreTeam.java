package org.planningengine.command.team;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/** Restore an archived team as it was; a reason is required. */
public record RestoreTeam(String teamId, String reason) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.team(teamId);
    }
}
