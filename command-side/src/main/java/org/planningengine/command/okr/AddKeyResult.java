package org.planningengine.command.okr;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.okr.Direction;
import org.planningengine.events.okr.SpaceDimension;

import java.math.BigDecimal;

/** Add a measurable outcome to an objective; without a direction, baseline and target give it. */
public record AddKeyResult(String objectiveId, String keyResultId, String title, String metric, String unit,
                           BigDecimal baseline, BigDecimal target, Direction direction,
                           SpaceDimension spaceDimension) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.objective(objectiveId);
    }
}
