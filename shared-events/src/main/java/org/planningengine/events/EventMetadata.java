package org.planningengine.events;

/**
 * Metadata keys every event carries. The decision log and the history views read "who and why" from here and from
 * nowhere else; the command side copies them from the command's metadata onto each event it causes.
 */
public final class EventMetadata {

    /** The authenticated user who caused the event. */
    public static final String ACTOR = "actor";
    /** Ties together every message caused by one request (Axon's own correlation key). */
    public static final String CORRELATION_ID = "correlationId";
    /** The reason the user gave, where the command has one. */
    public static final String REASON = "reason";
    /** The client's Idempotency-Key, where one was sent. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";
    /** With an idempotency key: a digest of the request, to tell a retry from another request under the same key. */
    public static final String REQUEST_DIGEST = "requestDigest";
    /** With an idempotency key: the id the write answered, and the aggregate whose version it answered. */
    public static final String ANSWER_ID = "answerId";
    public static final String ANSWER_AGGREGATE = "answerAggregate";

    /** On a decision applied from a scenario: the scenario it came from. */
    public static final String SCENARIO = "scenarioId";
    /**
     * On an event appended in a scenario: the command of the write that caused it (its type, and its JSON), which
     * applying the scenario sends again to the plan.
     */
    public static final String SCENARIO_COMMAND_TYPE = "scenarioCommandType";
    public static final String SCENARIO_COMMAND = "scenarioCommand";

    private EventMetadata() {
    }
}
