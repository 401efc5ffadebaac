package org.planningengine.command.scenario;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/** Give a scenario another name. */
public record RenameScenario(String scenarioId, String name) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.scenario(scenarioId);
    }
}
