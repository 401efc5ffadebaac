package org.planningengine.events.okr;

/**
 * Where an objective stands: check-ins go only to an active one; a retired or graded one is history. The one
 * definition the objective aggregate, its history and the OKR view fold its events with.
 */
public enum ObjectiveStatus {
    ACTIVE,
    RETIRED,
    GRADED;

    /** The status after the event: {@code current} (null before it was set) when the event does not move it. */
    public static ObjectiveStatus after(ObjectiveStatus current, Object event) {
        if (event instanceof ObjectiveSet) {
            return ACTIVE;
        }
        if (event instanceof ObjectiveReviewed reviewed && reviewed.outcome() == ReviewOutcome.RETIRE) {
            return RETIRED;
        }
        if (event instanceof ObjectiveGraded) {
            return GRADED;
        }
        return current;
    }

    /** A retired or graded objective is settled: nothing more is measured on it, and it can be archived. */
    public boolean isSettled() {
        return this == RETIRED || this == GRADED;
    }
}
