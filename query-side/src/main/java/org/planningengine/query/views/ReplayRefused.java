package org.planningengine.query.views;

/** A replay this replica cannot run now (another replica holds segments of the projection): a {@code 409}. */
public class ReplayRefused extends RuntimeException {

    public ReplayRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
