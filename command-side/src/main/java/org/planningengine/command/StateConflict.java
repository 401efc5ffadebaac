package org.planningengine.command;

/** The command does not fit the state its target is in (committing a plan twice, say): refused, nothing appended. */
public class StateConflict extends RuntimeException {

    public StateConflict(String message) {
        super(message);
    }
}
