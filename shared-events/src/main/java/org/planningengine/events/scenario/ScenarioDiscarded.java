package org.planningengine.events.scenario;

import org.axonframework.serialization.Revision;

/** A scenario was discarded: it takes no more writes, and stays readable, with its branch, for the audit trail. */
@Revision("1")
public record ScenarioDiscarded(String scenarioId) {
}
