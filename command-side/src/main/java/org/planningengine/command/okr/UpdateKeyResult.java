package org.planningengine.command.okr;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Check in on a key result: its value, the owner's confidence, and when the value was measured (null: when the
 * check-in is recorded).
 */
public record UpdateKeyResult(String objectiveId, String keyResultId, BigDecimal value, BigDecimal confidence,
                              String comment, Instant measuredAt) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.objective(objectiveId);
    }
}
