package org.planningengine.command.scenario;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.planningengine.command.AggregateCommand;
import org.planningengine.events.AggregateIds;

import java.time.Instant;

/** Fork a scenario of a cycle from the plan as it stood at an instant; a lead's is limited to its team. */
public record ForkScenario(String scenarioId, String cycleId, String name, Instant forkedAt, String teamId)
        implements AggregateCommand {

    @Override
    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.scenario(scenarioId);
    }
}
