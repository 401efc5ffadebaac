package org.planningengine.query.history;

import java.time.Instant;
import java.util.Map;

/**
 * One decision or fact in the history of an initiative or objective: what happened, when, who did it, why, and the
 * values it changed (before is null for what did not exist before).
 *
 * @param sequence the event's sequence number in its own stream (an allocation's is its team plan's)
 */
public record HistoryEntry(long sequence, Instant at, String actor, String type, String reason,
                           Map<String, Object> before, Map<String, Object> after) {
}
