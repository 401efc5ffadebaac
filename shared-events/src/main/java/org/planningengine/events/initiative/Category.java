package org.planningengine.events.initiative;

/** The kind of work an initiative is, which decides the capacity bucket it draws from. */
public enum Category {
    NEW_INITIATIVE,
    KTLO,
    TEAM_INITIATIVE
}
