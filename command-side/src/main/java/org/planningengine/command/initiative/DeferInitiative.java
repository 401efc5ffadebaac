package org.planningengine.command.initiative;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/** Move an initiative to another open cycle, keeping its id and history; a reason is required. */
public record DeferInitiative(String initiativeId, String toCycleId, String reason) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.initiative(initiativeId);
    }
}
