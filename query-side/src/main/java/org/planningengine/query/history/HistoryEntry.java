package org.planningengine.query.history;

import java.time.Instant;
import java.util.Map;

/**
 * One decision or fact in the history of an initiative, objective, cycle or team: what happened, when, who did it,
 * why, and the values it changed (before is null for what did not exist before).
 *
 * @param stream   the stream the event is in: {@code initiative:<id>}, {@code objective:<id>}, {@code cycle:<id>},
 *                 {@code team:<id>}, or for an allocation {@code team-plan:<cycleId>/<teamId>}
 * @param sequence the event's sequence number in its stream (unique with it)
 */
public record HistoryEntry(String stream, long sequence, Instant at, String actor, String type, String reason,
                           Map<String, Object> before, Map<String, Object> after) {
}
