package org.planningengine.command;

import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.CycleStatus;
import org.planningengine.events.cycle.UnfinishedInitiative;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.InitiativeStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The registry at the edge of an aggregate's unit tests: what exists is what the test lists. */
public class ListedRegistry implements PlanRegistry {

    private final Map<String, TeamFacts> teams = new HashMap<>();
    private final Map<String, CycleFacts> cycles = new HashMap<>();
    private final Map<String, InitiativeFacts> initiatives = new HashMap<>();
    private final Map<String, ObjectiveFacts> objectives = new HashMap<>();
    private final Map<String, List<String>> plans = new HashMap<>();
    private final Map<String, List<UnfinishedInitiative>> unfinished = new HashMap<>();

    /** The teams with a plan in the cycle. */
    public ListedRegistry withPlans(String cycleId, String... teamIds) {
        plans.put(cycleId, List.of(teamIds));
        return this;
    }

    /** The cycle's initiatives that are committed or in progress. */
    public ListedRegistry withUnfinished(String cycleId, UnfinishedInitiative... initiatives) {
        unfinished.put(cycleId, List.of(initiatives));
        return this;
    }

    public ListedRegistry withTeams(String... teamIds) {
        Set.of(teamIds).forEach(teamId -> teams.put(teamId, new TeamFacts(false)));
        return this;
    }

    public ListedRegistry withArchivedTeams(String... teamIds) {
        Set.of(teamIds).forEach(teamId -> teams.put(teamId, new TeamFacts(true)));
        return this;
    }

    /** A cycle with the standard policy, the first half of 2027. */
    public ListedRegistry withCycle(String cycleId, CycleStatus status) {
        return withCycle(cycleId, status, CapacityPolicy.standard());
    }

    public ListedRegistry withCycle(String cycleId, CycleStatus status, CapacityPolicy policy) {
        cycles.put(cycleId, new CycleFacts(status, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 6, 30), policy,
                                           false));
        return this;
    }

    /** A cycle with the standard policy, six months from its start. */
    public ListedRegistry withCycle(String cycleId, CycleStatus status, LocalDate startDate) {
        return withCycle(cycleId, status, startDate, startDate.plusMonths(6).minusDays(1));
    }

    public ListedRegistry withCycle(String cycleId, CycleStatus status, LocalDate startDate, LocalDate endDate) {
        cycles.put(cycleId, new CycleFacts(status, startDate, endDate, CapacityPolicy.standard(), false));
        return this;
    }

    /** An archived cycle in this status, starting on New Year's Day 2027. */
    public ListedRegistry withArchivedCycle(String cycleId, CycleStatus status) {
        cycles.put(cycleId, new CycleFacts(status, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 6, 30),
                                           CapacityPolicy.standard(), true));
        return this;
    }

    /** An objective with its parent (or null) and key results. */
    public ListedRegistry withObjective(String objectiveId, String cycleId, String parentObjectiveId,
                                        String... keyResultIds) {
        objectives.put(objectiveId, new ObjectiveFacts(cycleId, null, parentObjectiveId, Set.of(keyResultIds),
                                                       false));
        return this;
    }

    /** An archived objective with its parent (or null) and key results. */
    public ListedRegistry withArchivedObjective(String objectiveId, String cycleId, String parentObjectiveId,
                                                String... keyResultIds) {
        objectives.put(objectiveId, new ObjectiveFacts(cycleId, null, parentObjectiveId, Set.of(keyResultIds),
                                                       true));
        return this;
    }

    /** An initiative that exists, with what it depends on (its cycle, team and the rest do not matter). */
    public ListedRegistry withInitiative(String initiativeId, String... dependsOn) {
        return withInitiative(initiativeId, new InitiativeFacts("2027-s1", "payments", Category.KTLO,
                                                                InitiativeStatus.PROPOSED, Set.of(dependsOn), false));
    }

    public ListedRegistry withInitiative(String initiativeId, InitiativeFacts facts) {
        initiatives.put(initiativeId, facts);
        return this;
    }

    /** Every listed cycle existed at every instant: aggregates' tests do not travel in time. */
    @Override
    public Optional<CycleFacts> cycleAt(String cycleId, Instant at) {
        return cycle(cycleId);
    }

    @Override
    public Optional<ScenarioFacts> scenario(String scenarioId) {
        return Optional.empty();
    }

    @Override
    public Optional<TeamFacts> team(String teamId) {
        return Optional.ofNullable(teams.get(teamId));
    }

    @Override
    public Optional<CycleFacts> cycle(String cycleId) {
        return Optional.ofNullable(cycles.get(cycleId));
    }

    @Override
    public Optional<InitiativeFacts> initiative(String initiativeId) {
        return Optional.ofNullable(initiatives.get(initiativeId));
    }

    @Override
    public Optional<ObjectiveFacts> objective(String objectiveId) {
        return Optional.ofNullable(objectives.get(objectiveId));
    }

    @Override
    public List<String> teamsWithPlans(String cycleId) {
        return plans.getOrDefault(cycleId, List.of());
    }

    @Override
    public List<UnfinishedInitiative> unfinishedWork(String cycleId) {
        return unfinished.getOrDefault(cycleId, List.of());
    }
}
