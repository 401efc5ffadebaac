package org.planningengine.query.views;

/** A read of something the views do not know: answered {@code 404}. */
public class ViewNotFound extends RuntimeException {

    public ViewNotFound(String message) {
        super(message);
    }
}
