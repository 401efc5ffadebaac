package org.planningengine.events.scenario;

/** Where a scenario is: open to writes, or discarded or applied, and then closed to them for good. */
public enum ScenarioStatus {
    OPEN, DISCARDED, APPLIED;

    public static ScenarioStatus after(ScenarioStatus status, Object event) {
        if (event instanceof ScenarioForked) {
            return OPEN;
        }
        if (event instanceof ScenarioDiscarded) {
            return DISCARDED;
        }
        return event instanceof ScenarioApplied ? APPLIED : status;
    }
}
