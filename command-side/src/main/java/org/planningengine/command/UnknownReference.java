package org.planningengine.command;

/** The command names something that does not exist: refused, nothing appended. */
public class UnknownReference extends RuntimeException {

    private final String field;

    public UnknownReference(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
