package org.planningengine.events.okr;

/** What a quarterly review decided for an objective. */
public enum ReviewOutcome {
    KEEP, ADJUST, RETIRE
}
