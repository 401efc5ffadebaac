package org.planningengine.command.web;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.planningengine.command.AggregateCommand;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.log.MongoEventLog;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Objects;

/**
 * Sends a write's command as the current actor and answers its id, version and consistency token. A command that
 * lost an append race to another writer is decided again, a bounded number of times; the log's own refusals become
 * the domain's.
 */
@Component
public class CommandSender {

    /** How often a command that lost an append race is decided again before the write answers 409. */
    static final int ATTEMPTS = 3;

    private final CommandGateway commands;
    private final MongoEventLog log;
    private final CurrentActor actor;

    public CommandSender(CommandGateway commands, MongoEventLog log, CurrentActor actor) {
        this.commands = commands;
        this.log = log;
        this.actor = actor;
    }

    public WriteResult send(String id, AggregateCommand command) {
        return send(id, command, command.aggregateId());
    }

    /** Sends a command that also creates another aggregate, and answers the version of that one. */
    public WriteResult send(String id, AggregateCommand command, String reportedAggregateId) {
        String aggregateId = command.aggregateId();
        AppliedVersion applied = null;
        for (int attempt = 1; attempt <= ATTEMPTS && applied == null; attempt++) {
            try {
                applied = Objects.requireNonNull(commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(Map.of(EventMetadata.ACTOR, actor.name()))));
            } catch (AggregateNotFoundException notFound) {
                throw new UnknownReference(null, AggregateIds.describe(aggregateId) + " does not exist");
            } catch (AggregateStreamCreationException | ConcurrencyException lostRace) {
                // Another writer appended first; decided again on what it appended, the command may pass or be
                // refused for a reason of its own.
                if (attempt == ATTEMPTS) {
                    throw new StateConflict(AggregateIds.describe(aggregateId) + " was changed by other writes at "
                                            + "the same time, " + ATTEMPTS + " times over; nothing was appended, "
                                            + "send it again");
                }
            }
        }
        // A command that changes nothing (a link made before) leaves the aggregate where it was.
        long version = applied.sequenceOf(reportedAggregateId)
                              .orElseGet(() -> log.lastSequenceNumberFor(reportedAggregateId).orElseThrow());
        long position = log.positionOf(reportedAggregateId, version).orElseThrow();
        return new WriteResult(id, version, Long.toString(position));
    }
}
