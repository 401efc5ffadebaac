package org.planningengine.query.views;

/** The views did not reflect the awaited write in time: answered {@code 504}. */
public class ViewNotReady extends RuntimeException {

    public ViewNotReady(String message) {
        super(message);
    }
}
