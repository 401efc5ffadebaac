package org.planningengine.command.capacity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

import java.math.BigDecimal;

/**
 * Set how many person-weeks of a team's capacity go to one of its initiatives (0 releases them).
 * {@code overrideReason} lets the allocation take a bucket above its share plus tolerance.
 */
public record AllocateCapacity(String cycleId, String teamId, String initiativeId, BigDecimal personWeeks,
                               String reason, String overrideReason) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.teamPlan(cycleId, teamId);
    }
}
