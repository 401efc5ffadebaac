package org.planningengine.query.views;

/** A query parameter with a value the read cannot take: answered {@code 400}, naming the parameter. */
public class BadQuery extends RuntimeException {

    private final String parameter;

    public BadQuery(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
