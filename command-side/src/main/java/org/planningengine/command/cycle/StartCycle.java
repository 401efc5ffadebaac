package org.planningengine.command.cycle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.cycle.CapacityPolicy;

import java.time.LocalDate;

/** Start planning a cycle; without a policy it gets the standard 50/50 one. */
public record StartCycle(String cycleId, String name, LocalDate startDate, LocalDate endDate, CapacityPolicy policy) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.cycle(cycleId);
    }
}
