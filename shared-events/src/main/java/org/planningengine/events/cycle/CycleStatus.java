package org.planningengine.events.cycle;

/**
 * A cycle's lifecycle, {@code PLANNING → COMMITTED → CLOSED}: the one definition the cycle aggregate, the command
 * side's facts about cycles and the cycle view fold its events with.
 */
public enum CycleStatus {
    PLANNING,
    COMMITTED,
    CLOSED;

    /** The status after the event: {@code current} (null before the cycle started) when the event does not move it. */
    public static CycleStatus after(CycleStatus current, Object event) {
        if (event instanceof CycleStarted) {
            return PLANNING;
        }
        if (event instanceof PlanCommitted) {
            return COMMITTED;
        }
        if (event instanceof CycleClosed) {
            return CLOSED;
        }
        return current;
    }

    /** Only a cycle in planning commits its plan, and only once. */
    public boolean canCommit() {
        return this == PLANNING;
    }

    /** Only a committed cycle closes. */
    public boolean canClose() {
        return this == COMMITTED;
    }
}
