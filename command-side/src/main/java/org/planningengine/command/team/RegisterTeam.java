package org.planningengine.command.team;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/** Register a team, optionally inside a parent group that is itself a registered team. */
public record RegisterTeam(String teamId, String name, String parentId) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.team(teamId);
    }
}
