package org.planningengine.command.capacity;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

import java.math.BigDecimal;

/**
 * Set what a team can spend in a cycle, in person-weeks. {@code overrideReason} lets a lower capacity take a bucket
 * above its share plus tolerance of it.
 */
public record SetTeamCapacity(String cycleId, String teamId, BigDecimal personWeeks, String reason,
                              String overrideReason)
        implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.teamPlan(cycleId, teamId);
    }
}
