package org.planningengine.command.cycle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/**
 * End the cycle. Only a committed cycle can be closed; one with initiatives still committed or in progress needs a
 * reason, since it leaves them unfinished (the close records which).
 */
public record CloseCycle(String cycleId, String reason) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.cycle(cycleId);
    }
}
