package org.planningengine.command.cycle;

/** A cycle's lifecycle: {@code PLANNING → COMMITTED → CLOSED}. */
public enum CycleStatus {
    PLANNING,
    COMMITTED,
    CLOSED
}
