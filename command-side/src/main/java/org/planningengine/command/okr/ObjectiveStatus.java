package org.planningengine.command.okr;

/** Where an objective stands: check-ins go only to an active one; a retired or graded one is history. */
enum ObjectiveStatus {
    ACTIVE, RETIRED, GRADED
}
