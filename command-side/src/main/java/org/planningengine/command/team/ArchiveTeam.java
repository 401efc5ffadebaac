package org.planningengine.command.team;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/** Archive a team: hidden from the views by default, it takes no new work; a reason is required. */
public record ArchiveTeam(String teamId, String reason) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.team(teamId);
    }
}
