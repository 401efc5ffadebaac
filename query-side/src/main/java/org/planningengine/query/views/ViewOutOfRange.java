package org.planningengine.query.views;

/** A query parameter of the right form but outside what the views can answer: {@code 422}, naming it. */
public class ViewOutOfRange extends RuntimeException {

    private final String parameter;

    public ViewOutOfRange(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
