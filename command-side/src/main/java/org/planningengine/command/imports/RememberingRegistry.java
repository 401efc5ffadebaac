package org.planningengine.command.imports;

import org.planningengine.command.PlanRegistry;
import org.planningengine.events.cycle.UnfinishedInitiative;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plan registry for checking the rows of one import: its cycle and teams are looked up once, not once a row.
 * Initiatives and objectives are asked every time: whether a row was imported before must be true when asked.
 */
final class RememberingRegistry implements PlanRegistry {

    private final PlanRegistry registry;
    private final Map<String, Optional<TeamFacts>> teams = new HashMap<>();
    private final Map<String, Optional<CycleFacts>> cycles = new HashMap<>();

    RememberingRegistry(PlanRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Optional<TeamFacts> team(String teamId) {
        return teams.computeIfAbsent(teamId, registry::team);
    }

    @Override
    public Optional<CycleFacts> cycle(String cycleId) {
        return cycles.computeIfAbsent(cycleId, registry::cycle);
    }

    @Override
    public Optional<CycleFacts> cycleAt(String cycleId, Instant at) {
        return registry.cycleAt(cycleId, at);
    }

    @Override
    public Optional<ScenarioFacts> scenario(String scenarioId) {
        return registry.scenario(scenarioId);
    }

    @Override
    public Optional<InitiativeFacts> initiative(String initiativeId) {
        return registry.initiative(initiativeId);
    }

    @Override
    public Optional<ObjectiveFacts> objective(String objectiveId) {
        return registry.objective(objectiveId);
    }

    @Override
    public List<String> teamsWithPlans(String cycleId) {
        return registry.teamsWithPlans(cycleId);
    }

    @Override
    public List<UnfinishedInitiative> unfinishedWork(String cycleId) {
        return registry.unfinishedWork(cycleId);
    }
}
