package org.planningengine.query.feed;

import java.time.Instant;
import java.util.Map;

/**
 * One event of the log as other systems see it: a public shape of its own, versioned apart from the event classes
 * (an internal change of shape changes {@link IntegrationEvents}, never this), with no secret in it: the metadata
 * it carries is the actor, the reason and the correlation id, nothing else.
 *
 * @param position      the event's global position in the log: the feed's cursor
 * @param id            the event's id, unique in the log
 * @param type          what happened, in the past tense ({@code InitiativeScored})
 * @param version       the version of {@code data}'s shape for this type; raised when it changes
 * @param at            when the event was recorded
 * @param reason        the reason the user gave, null where none was
 * @param correlationId the request that caused it (every event of one write shares it)
 * @param data          the facts of the event, by type (the contract lists them)
 */
public record FeedEvent(long position, String id, String type, int version, Instant at, String actor, String reason,
                        String correlationId, Subject subject, Map<String, Object> data) {

    /**
     * What the event is about.
     *
     * @param kind    {@code cycle}, {@code team}, {@code teamPlan} (a team's capacity in a cycle), {@code initiative},
     *                {@code objective} or {@code lesson}
     * @param id      its id (a team plan's is {@code <cycleId>/<teamId>})
     * @param cycleId the cycle it was in when the event happened, null for a team
     * @param teamId  the team it belonged to then, null for a cycle, an organisation's objective or a lesson
     */
    public record Subject(String kind, String id, String cycleId, String teamId) {
    }
}
