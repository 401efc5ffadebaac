package org.planningengine.command.web;

/** The body of a write whose only field is an optional reason; the body itself may be left out. */
public record ReasonRequest(String reason) {

    public static String reasonOf(ReasonRequest request) {
        return request == null ? null : request.reason();
    }
}
