package org.planningengine.command.initiative;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/** Archive an initiative that is not in the plan (proposed, done or dropped); a reason is required. */
public record ArchiveInitiative(String initiativeId, String reason) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.initiative(initiativeId);
    }
}
