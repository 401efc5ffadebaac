package org.planningengine.command.web;

/** {@code override: {reason}}: the reason a write gives for taking a bucket over its share plus tolerance. */
public record OverrideRequest(String reason) {

    public static String reasonOf(OverrideRequest request) {
        return request == null ? null : request.reason();
    }
}
