package org.planningengine.command.cycle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/** Restore an archived cycle as it was; a reason is required. */
public record RestoreCycle(String cycleId, String reason) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.cycle(cycleId);
    }
}
