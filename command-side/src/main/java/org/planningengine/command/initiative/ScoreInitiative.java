package org.planningengine.command.initiative;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

import java.math.BigDecimal;

/** Score an initiative with RICE, or score it again; a reason is required. */
public record ScoreInitiative(String initiativeId, BigDecimal reach, BigDecimal impact, BigDecimal confidence,
                              BigDecimal effort, String reason) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.initiative(initiativeId);
    }
}
