package org.planningengine.command.cycle;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/**
 * Archive a cycle in planning or closed: hidden from the views by default, it takes no new work; a reason is
 * required.
 */
public record ArchiveCycle(String cycleId, String reason) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.cycle(cycleId);
    }
}
