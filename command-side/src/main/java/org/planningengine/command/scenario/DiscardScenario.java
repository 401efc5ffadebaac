package org.planningengine.command.scenario;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

/** Discard a scenario: it takes no more writes and stays readable; a reason is required. */
public record DiscardScenario(String scenarioId, String reason) implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.scenario(scenarioId);
    }
}
