package org.planningengine.events.scenario;

import org.axonframework.serialization.Revision;

/**
 * A scenario's writes were applied to the plan as commands of the one who applied it, in the same commit as the
 * events they appended: either all of them are in the log, with this, or none.
 *
 * @param commands how many of the scenario's writes were applied
 */
@Revision("1")
public record ScenarioApplied(String scenarioId, int commands) {
}
