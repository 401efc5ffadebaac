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

/**
 * Sends a write's command as the current actor and answers its id, version and consistency token. The event log's
 * own refusals (no such aggregate, one that exists already, a concurrent append) become the domain's.
 */
@Component
public class CommandSender {

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
        AppliedVersion applied;
        try {
            applied = commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                                                                .andMetaData(Map.of(EventMetadata.ACTOR, actor.name())));
        } catch (AggregateNotFoundException notFound) {
            throw new UnknownReference(null, AggregateIds.describe(aggregateId) + " does not exist");
        } catch (AggregateStreamCreationException exists) {
            throw new StateConflict(AggregateIds.describe(aggregateId) + " already exists");
        } catch (ConcurrencyException concurrent) {
            throw new StateConflict(AggregateIds.describe(aggregateId) + " was changed by another write at the same "
                                    + "time; nothing was appended, send it again");
        }
        // A command that changes nothing (a link made before) leaves the aggregate where it was.
        long version = applied.sequenceOf(reportedAggregateId)
                              .orElseGet(() -> log.lastSequenceNumberFor(reportedAggregateId).orElseThrow());
        long position = log.positionOf(reportedAggregateId, version).orElseThrow();
        return new WriteResult(id, version, Long.toString(position));
    }
}
