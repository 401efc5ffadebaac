package org.planningengine.command.initiative;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/** Say that an initiative depends on another one, often another team's. */
public record AddDependency(String initiativeId, String dependsOn) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.initiative(initiativeId);
    }
}
