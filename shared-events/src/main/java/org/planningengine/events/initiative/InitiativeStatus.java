package org.planningengine.events.initiative;

/**
 * Where an initiative stands: {@code PROPOSED → COMMITTED → IN_PROGRESS → DONE}, or {@code DROPPED}. An initiative
 * deferred to another cycle is {@code PROPOSED} there again; its old cycle remembers it as deferred.
 */
public enum InitiativeStatus {
    PROPOSED,
    COMMITTED,
    IN_PROGRESS,
    DONE,
    DROPPED
}
