package org.planningengine.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.planningengine.command.AggregateCommand;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.command.concurrency.ExpectedVersion;
import org.planningengine.command.concurrency.UnexpectedVersion;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.EventMetadata;
import org.planningengine.eventlog.Branch;
import org.planningengine.eventlog.MongoEventLog;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Sends a write's command as the current actor and answers its id, version and consistency token. A command that
 * lost an append race to another writer is decided again, a bounded number of times; the log's own refusals become
 * the domain's. A command sent with the version its client expects ({@code If-Match}) is checked against it each
 * time it is decided, so a lost race becomes a refusal ({@code 412}) rather than a decision on what the other writer
 * appended.
 */
@Component
public class CommandSender {

    /** How often a command that lost an append race is decided again before the write answers 409. */
    static final int ATTEMPTS = 3;

    private final CommandGateway commands;
    private final MongoEventLog log;
    private final IdempotentAnswers answers;
    private final CurrentRequest request;
    private final ObjectMapper json;

    public CommandSender(CommandGateway commands, MongoEventLog log, IdempotentAnswers answers,
                         CurrentRequest request, ObjectMapper json) {
        this.commands = commands;
        this.log = log;
        this.answers = answers;
        this.request = request;
        this.json = json;
    }

    public WriteResult send(String id, AggregateCommand command) {
        return send(id, command, command.aggregateId());
    }

    /**
     * Sends a command that also creates another aggregate, and answers the version of that one.
     * <p>
     * Under an {@code Idempotency-Key}, a write that was committed before answers what it answered then, and
     * appends nothing; the key is stored with the events and takes a key of the log's unique index, so this holds
     * across restarts, replicas and retries racing each other. The same key with another request is refused. The
     * answer of a write committed under the key comes first, before the expected version is checked: a retry is
     * answered what its first attempt was, though that attempt moved the version on.
     */
    public WriteResult send(String id, AggregateCommand command, String reportedAggregateId) {
        String idempotencyKey = request.idempotencyKey();
        Map<String, Object> metaData = new HashMap<>(Map.of(EventMetadata.ACTOR, request.actor()));
        if (idempotencyKey != null) {
            metaData.putAll(Map.of(EventMetadata.IDEMPOTENCY_KEY, idempotencyKey,
                                   EventMetadata.REQUEST_DIGEST, request.digest(),
                                   EventMetadata.ANSWER_ID, Objects.requireNonNullElse(id, ""),
                                   EventMetadata.ANSWER_AGGREGATE, reportedAggregateId));
        }
        if (MongoEventLog.currentBranch().isPresent()) {
            // What applying the scenario sends to the plan, in the order its writes were made.
            metaData.putAll(Map.of(EventMetadata.SCENARIO_COMMAND_TYPE, command.getClass().getName(),
                                   EventMetadata.SCENARIO_COMMAND, writeAsJson(command)));
        }
        ExpectedVersion expected = request.expectedVersion();
        if (expected != null) {
            metaData.put(ExpectedVersion.META_DATA, expected.toString());
        }
        AppliedVersion applied = null;
        for (int attempt = 1; attempt <= ATTEMPTS && applied == null; attempt++) {
            Optional<WriteResult> answered = answeredBefore(idempotencyKey, metaData);
            if (answered.isPresent()) {
                return answered.get();
            }
            boolean last = attempt == ATTEMPTS;
            try {
                applied = attempt(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData),
                                  () -> last && answeredBefore(idempotencyKey, metaData).isEmpty());
            } catch (UnexpectedVersion moved) {
                // Moved by a retry of this very request, answered meanwhile (from another thread or replica)?
                return answeredBefore(idempotencyKey, metaData).orElseThrow(() -> moved);
            }
        }
        if (applied == null) {
            return answeredBefore(idempotencyKey, metaData).orElseThrow();
        }
        // A command that changes nothing (a link made before) leaves the aggregate where it was.
        long version = applied.sequenceOf(reportedAggregateId)
                              .orElseGet(() -> log.lastSequenceNumberFor(reportedAggregateId).orElseThrow());
        return new WriteResult(id, version, consistencyToken(() -> log.positionOf(reportedAggregateId, version)
                                                                      .orElseThrow()));
    }

    /**
     * The token of a write whose last event is at this position. A scenario's reads always reflect its branch; what
     * they need of the plan's views is the scenario itself, so a write into one answers the plan's position of its
     * fork.
     */
    private String consistencyToken(LongSupplier position) {
        Optional<Branch> branch = MongoEventLog.currentBranch();
        return Long.toString(branch.isEmpty() ? position.getAsLong() : log.offBranch(
                () -> log.positionOf(AggregateIds.scenario(branch.get().id()), 0)).orElseThrow());
    }

    private String writeAsJson(AggregateCommand command) {
        try {
            return json.writeValueAsString(command);
        } catch (JsonProcessingException unwritable) {
            throw new IllegalStateException("A command is a record of values: " + command, unwritable);
        }
    }

    /**
     * Sends a command outside of any request (a row of an import running on its own), as this actor, with this
     * correlation id (Axon's is the id of the command, so the command takes it) and reason; a lost append race is
     * decided again as for a request.
     */
    public void sendAs(String actor, AggregateCommand command, String correlationId, String reason) {
        sendOutsideRequest(new GenericCommandMessage<>(
                new GenericMessage<>(correlationId, command, Map.of(EventMetadata.ACTOR, actor,
                                                                    EventMetadata.REASON, reason)),
                command.getClass().getName()));
    }

    /** Sends a command outside of any request, with this metadata (its actor among it), as {@link #sendAs}. */
    public void sendAs(AggregateCommand command, Map<String, ?> metaData) {
        sendOutsideRequest(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
    }

    private void sendOutsideRequest(CommandMessage<?> message) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            boolean last = attempt == ATTEMPTS;
            if (attempt(message, () -> last) != null) {
                return;
            }
        }
    }

    /** The version the command applied, or null when it lost an append race and does not {@code giveUp}. */
    private AppliedVersion attempt(CommandMessage<?> command, BooleanSupplier giveUp) {
        String aggregateId = ((AggregateCommand) command.getPayload()).aggregateId();
        try {
            return Objects.requireNonNull(decideRefusalsFromTheLog(command));
        } catch (AggregateNotFoundException notFound) {
            throw new UnknownReference(null, AggregateIds.describe(aggregateId) + " does not exist");
        } catch (AggregateStreamCreationException | ConcurrencyException lostRace) {
            // Another writer appended first; decided again on what it appended, the command may pass or be
            // refused for a reason of its own.
            if (giveUp.getAsBoolean()) {
                throw new StateConflict(AggregateIds.describe(aggregateId) + " was changed by other writes at the "
                                        + "same time, " + ATTEMPTS + " times over; nothing was appended, send it "
                                        + "again");
            }
            return null;
        }
    }

    /**
     * A refusal may have been decided on this engine's cached copy of the aggregate after another engine moved it
     * on; the refusal rolled back, which evicts the copy, so the command is decided once more, on the aggregate as
     * the log has it, and that answer stands (decision record 0020).
     */
    private AppliedVersion decideRefusalsFromTheLog(CommandMessage<?> command) {
        try {
            return commands.sendAndWait(command);
        } catch (RuleViolated | StateConflict | UnexpectedVersion refused) {
            return commands.sendAndWait(command);
        }
    }

    /** What the write committed under this idempotency key answered, if one did; another request under it is 422. */
    private Optional<WriteResult> answeredBefore(String idempotencyKey, Map<String, Object> metaData) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        return answers.answerFor(idempotencyKey).map(stored -> {
            if (!stored.requestDigest().equals(metaData.get(EventMetadata.REQUEST_DIGEST))) {
                throw new RuleViolated(CurrentRequest.IDEMPOTENCY_HEADER, CurrentRequest.IDEMPOTENCY_HEADER + " "
                                       + idempotencyKey + " was used for another request; use a new key");
            }
            return new WriteResult(stored.id(), stored.version(), consistencyToken(stored::position));
        });
    }
}
