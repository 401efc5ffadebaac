package org.planningengine.command.initiative;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.initiative.Category;

/** Propose a unit of work for a team in a cycle. */
public record ProposeInitiative(String initiativeId, String cycleId, String teamId, String title,
                                String description, Category category) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.initiative(initiativeId);
    }
}
