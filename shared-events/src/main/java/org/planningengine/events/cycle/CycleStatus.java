package org.planningengine.events.cycle;

/**
 * A cycle's lifecycle, {@code PLANNING → COMMITTED → CLOSED}: the one definition the cycle aggregate, the command
 * side's facts about cycles and the cycle view fold its events with. Archiving is no status of it
 * ({@link org.planningengine.events.Archiving}).
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

    /**
     * A cycle is archived before its plan is committed (one started by mistake, or left unused) or once it is
     * closed; a committed plan is live and closes first.
     */
    public boolean canArchive() {
        return this == PLANNING || this == CLOSED;
    }
}
