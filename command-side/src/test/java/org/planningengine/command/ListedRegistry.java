package org.planningengine.command;

import org.planningengine.command.cycle.CycleStatus;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The registry at the edge of an aggregate's unit tests: what exists is what the test lists. */
public class ListedRegistry implements PlanRegistry {

    private final Set<String> teams = new HashSet<>();
    private final Map<String, CycleStatus> cycles = new HashMap<>();
    private final Map<String, Set<String>> initiatives = new HashMap<>();

    public ListedRegistry withTeams(String... teamIds) {
        teams.addAll(Set.of(teamIds));
        return this;
    }

    public ListedRegistry withCycle(String cycleId, CycleStatus status) {
        cycles.put(cycleId, status);
        return this;
    }

    /** An initiative that exists, with what it depends on. */
    public ListedRegistry withInitiative(String initiativeId, String... dependsOn) {
        initiatives.put(initiativeId, Set.of(dependsOn));
        return this;
    }

    @Override
    public boolean teamExists(String teamId) {
        return teams.contains(teamId);
    }

    @Override
    public boolean initiativeExists(String initiativeId) {
        return initiatives.containsKey(initiativeId);
    }

    @Override
    public Optional<CycleStatus> cycleStatus(String cycleId) {
        return Optional.ofNullable(cycles.get(cycleId));
    }

    @Override
    public Optional<Set<String>> dependenciesOf(String initiativeId) {
        return Optional.ofNullable(initiatives.get(initiativeId));
    }
}
