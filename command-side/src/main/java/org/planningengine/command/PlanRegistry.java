package org.planningengine.command;

import org.planningengine.command.cycle.CycleStatus;

import java.util.Optional;
import java.util.Set;

/**
 * What a command needs to know about other aggregates, answered by key lookups on the event log: consistent on every
 * command-side replica the moment the other aggregate's events are stored, and nothing to rebuild on a replay.
 */
public interface PlanRegistry {

    boolean teamExists(String teamId);

    boolean initiativeExists(String initiativeId);

    /** The cycle's status, or empty when there is no such cycle. */
    Optional<CycleStatus> cycleStatus(String cycleId);

    /** The initiatives an initiative depends on directly, or empty when there is no such initiative. */
    Optional<Set<String>> dependenciesOf(String initiativeId);
}
