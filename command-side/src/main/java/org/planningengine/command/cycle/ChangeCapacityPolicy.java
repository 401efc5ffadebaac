package org.planningengine.command.cycle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.cycle.CapacityPolicy;

/**
 * Change the cycle's capacity policy from now on; a reason is required. {@code overrideReason} lets the policy lower a
 * bucket's limit below what the allocations of teams that follow it already hold (one reason for every such team).
 */
public record ChangeCapacityPolicy(String cycleId, CapacityPolicy policy, String reason, String overrideReason)
        implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.cycle(cycleId);
    }
}
