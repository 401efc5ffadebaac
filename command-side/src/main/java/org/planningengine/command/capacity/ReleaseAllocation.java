package org.planningengine.command.capacity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/**
 * Give back whatever an initiative holds of its team's plan in a cycle, because of a decision on the initiative
 * (a drop or a deferral, see {@link AllocationReleases}); the reason names that decision.
 */
public record ReleaseAllocation(String cycleId, String teamId, String initiativeId, String reason)
        implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.teamPlan(cycleId, teamId);
    }
}
