package org.planningengine.security;

import org.springframework.security.authorization.AuthorizationDecision;

/** A refusal that says what the request would have needed, for the {@code 403} answer. */
public class Refusal extends AuthorizationDecision {

    private final String needed;

    public Refusal(String needed) {
        super(false);
        this.needed = needed;
    }

    public String needed() {
        return needed;
    }
}
