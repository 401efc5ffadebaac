package org.planningengine.command;

/** A command broke a rule of the domain (a value out of range, a guardrail): refused, nothing appended. */
public class RuleViolated extends RuntimeException {

    private final String field;

    public RuleViolated(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field the rule is about, or null when it is about the command as a whole. */
    public String field() {
        return field;
    }
}
