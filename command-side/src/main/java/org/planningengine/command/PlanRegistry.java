package org.planningengine.command;

import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.CycleStatus;
import org.planningengine.events.cycle.UnfinishedInitiative;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.InitiativeStatus;
import org.planningengine.events.scenario.ScenarioStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a command needs to know about other aggregates, answered by key lookups on the event log: consistent on every
 * command-side replica the moment the other aggregate's events are stored, and nothing to rebuild on a replay.
 */
public interface PlanRegistry {

    /** The team as it is now, or empty when there is no such team. */
    Optional<TeamFacts> team(String teamId);

    /** Whether the team was registered, archived or not. */
    default boolean teamExists(String teamId) {
        return team(teamId).isPresent();
    }

    /** The cycle as it is now, or empty when there is no such cycle. */
    Optional<CycleFacts> cycle(String cycleId);

    /** The cycle as it was at an instant, by its events up to then; empty when it did not exist yet. */
    Optional<CycleFacts> cycleAt(String cycleId, Instant at);

    /** The scenario as it is now, or empty when there is no such scenario. */
    Optional<ScenarioFacts> scenario(String scenarioId);

    /** The initiative as it is now, or empty when there is no such initiative. */
    Optional<InitiativeFacts> initiative(String initiativeId);

    /** The objective as it is now, or empty when there is no such objective. */
    Optional<ObjectiveFacts> objective(String objectiveId);

    /** The teams that have a plan in the cycle (a capacity, a policy of their own or an allocation), in id order. */
    List<String> teamsWithPlans(String cycleId);

    /**
     * The cycle's initiatives that are committed or in progress now, in id order, each with what its team's plan
     * allocates to it. A read of the whole log (no key names a cycle's initiatives): for the close, which is rare.
     */
    List<UnfinishedInitiative> unfinishedWork(String cycleId);

    /** @param archived whether it is archived (it takes no new work then) */
    record TeamFacts(boolean archived) {
    }

    /**
     * @param endDate  the cycle's last day
     * @param archived whether it is archived (it takes no new work then)
     */
    record CycleFacts(CycleStatus status, LocalDate startDate, LocalDate endDate, CapacityPolicy policy,
                      boolean archived) {
    }

    /**
     * @param ownerTeamId       the team that owns it, null for the organisation
     * @param parentObjectiveId the objective it is aligned under, null for none
     */
    record ObjectiveFacts(String cycleId, String ownerTeamId, String parentObjectiveId, Set<String> keyResultIds,
                          boolean archived) {
    }

    /**
     * @param forkedAt the instant of the plan it was forked from
     * @param teamId   the team a lead's scenario is limited to; null for none
     */
    record ScenarioFacts(String cycleId, String name, Instant forkedAt, String teamId, ScenarioStatus status) {
    }

    /** @param dependsOn the initiatives it depends on directly */
    record InitiativeFacts(String cycleId, String teamId, Category category, InitiativeStatus status,
                           Set<String> dependsOn, boolean archived) {
    }
}
