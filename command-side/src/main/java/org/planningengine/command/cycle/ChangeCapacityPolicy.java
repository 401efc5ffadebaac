package org.planningengine.command.cycle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.cycle.CapacityPolicy;

/** Change the cycle's capacity policy from now on; a reason is required. */
public record ChangeCapacityPolicy(String cycleId, CapacityPolicy policy, String reason) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.cycle(cycleId);
    }
}
