package org.planningengine.command.capacity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.cycle.CapacityPolicy;

/**
 * Give a team a capacity policy of its own for one cycle; a reason is required. {@code overrideReason} lets the policy
 * lower a bucket's limit below what the team's allocations already hold.
 */
public record OverrideTeamPolicy(String cycleId, String teamId, CapacityPolicy policy, String reason,
                                 String overrideReason)
        implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.teamPlan(cycleId, teamId);
    }
}
