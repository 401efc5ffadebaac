package org.planningengine.events.scenario;

import org.axonframework.serialization.Revision;

/** A scenario was given another name. */
@Revision("1")
public record ScenarioRenamed(String scenarioId, String previousName, String name) {
}
