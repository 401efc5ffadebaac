package org.planningengine.events.scenario;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A what-if scenario of a cycle was forked from the plan as it stood at an instant: its writes go to a branch of the
 * log of its own, never to the plan.
 *
 * @param teamId the team a lead's scenario is limited to; null for a planner's, which may change anything
 */
@Revision("1")
public record ScenarioForked(String scenarioId, String cycleId, String name, Instant forkedAt, String teamId) {
}
