package org.planningengine.command.okr;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

import java.util.List;

/** Refine an objective into a later cycle, with the chosen key results (all when none are named). */
public record CarryForwardObjective(String objectiveId, String toCycleId, String newObjectiveId,
                                    List<String> keyResultIds, String reason) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.objective(objectiveId);
    }
}
