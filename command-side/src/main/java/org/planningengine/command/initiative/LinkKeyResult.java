package org.planningengine.command.initiative;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/** Say which key result an initiative should move. */
public record LinkKeyResult(String initiativeId, String objectiveId, String keyResultId) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.initiative(initiativeId);
    }
}
