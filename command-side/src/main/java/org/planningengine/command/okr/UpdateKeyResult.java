package org.planningengine.command.okr;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

import java.math.BigDecimal;

/** Check in on a key result: its current value and the owner's confidence. */
public record UpdateKeyResult(String objectiveId, String keyResultId, BigDecimal value, BigDecimal confidence,
                              String comment) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.objective(objectiveId);
    }
}
