package org.planningengine.command.initiative;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/** Restore an archived initiative as it was; a reason is required. */
public record RestoreInitiative(String initiativeId, String reason) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.initiative(initiativeId);
    }
}
