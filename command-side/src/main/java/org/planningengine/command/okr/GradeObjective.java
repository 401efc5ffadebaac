package org.planningengine.command.okr;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

import java.math.BigDecimal;
import java.util.Map;

/** Grade an objective at the end of its cycle; key results without a grade are graded by their progress. */
public record GradeObjective(String objectiveId, Map<String, BigDecimal> grades, String reason)
        implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.objective(objectiveId);
    }
}
