package org.planningengine.command.cycle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/**
 * Record on the cycle that one of its initiatives is being committed, in the unit of work of that commitment (see
 * {@link CycleCommitments}); refused once the cycle is closed.
 */
public record RecordCommitment(String cycleId, String initiativeId) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.cycle(cycleId);
    }
}
