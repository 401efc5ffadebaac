package org.planningengine.command.okr;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.okr.RollupMode;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Choose how the objective's progress rolls up its key results and the objectives aligned under it; weights (by key
 * result id and by objective id; null for none) only with {@code WEIGHTED}.
 */
public record SetObjectiveRollup(String objectiveId, RollupMode mode, Map<String, BigDecimal> keyResultWeights,
                                 Map<String, BigDecimal> childWeights, String reason) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.objective(objectiveId);
    }
}
