package org.planningengine.command.scenario.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.planningengine.command.AggregateCommand;
import org.planningengine.command.CommandSideConfiguration;
import org.planningengine.command.PlanRegistry;
import org.planningengine.command.PlanRegistry.ScenarioFacts;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.command.scenario.Scenario;
import org.planningengine.command.web.CommandSender;
import org.planningengine.eventlog.Branch;
import org.planningengine.eventlog.BranchEvent;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.scenario.ScenarioApplied;
import org.planningengine.events.scenario.ScenarioStatus;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a scenario to the plan: its writes, in the order they were made, become commands of the one who applies
 * it, decided on the plan as it is now, and their events reach the log in one commit with the scenario's
 * {@link ScenarioApplied}, so the log holds all of them or none, whatever happens in between (decision record 0021).
 * <p>
 * The commands are first decided on a branch of their own forked from the plan now, where each sees the ones before
 * it, as in the scenario. Their events are then appended to the log at once: the log's unique keys refuse the
 * commit if another write reached one of the same aggregates in between, and the branch is dropped either way.
 */
@Component
class ScenarioApplication {

    /** How many conflicts a refusal names; the rest are counted. */
    private static final int CONFLICTS_NAMED = 20;

    /** A change of the plan since the scenario's fork to something the scenario changes too. */
    public record Conflict(String aggregate, String change, Instant at, String actor) {
    }

    /** The plan changed since the fork where the scenario changes it too: nothing was applied. */
    public static final class Conflicting extends StateConflict {

        private final transient List<Conflict> conflicts;

        Conflicting(String scenarioId, List<Conflict> conflicts) {
            super("scenario " + scenarioId + " was not applied: since it was forked, the plan changed where the "
                  + "scenario changes it too (" + conflicts.size() + " change" + (conflicts.size() == 1 ? "" : "s")
                  + "); fork a new scenario from now, or discard this one");
            this.conflicts = List.copyOf(conflicts.subList(0, Math.min(CONFLICTS_NAMED, conflicts.size())));
        }

        public List<Conflict> conflicts() {
            return conflicts;
        }
    }

    /** @param position the log's position of {@link ScenarioApplied}, the consistency token of the application */
    public record Applied(int commands, int events, long version, long position) {
    }

    private final MongoEventLog log;
    private final PlanRegistry registry;
    private final CommandSender sender;
    private final EventStore events;
    private final ObjectMapper json;
    private final Cache aggregates;

    ScenarioApplication(MongoEventLog log, PlanRegistry registry, CommandSender sender,
                               @Qualifier("eventStore") EventStore events, ObjectMapper json,
                               @Qualifier(CommandSideConfiguration.AGGREGATE_CACHE) Cache aggregates) {
        this.log = log;
        this.registry = registry;
        this.sender = sender;
        this.events = events;
        this.json = json;
        this.aggregates = aggregates;
    }

    Applied apply(String scenarioId, String actor, String reason) {
        ScenarioFacts scenario = registry.scenario(scenarioId).orElseThrow(
                () -> new UnknownReference(null, "scenario " + scenarioId + " does not exist"));
        if (scenario.status() != ScenarioStatus.OPEN) {
            throw new StateConflict("scenario " + scenarioId + " is " + scenario.status().name().toLowerCase()
                                    + "; it can be applied once, while open");
        }
        Branch branch = new Branch(scenarioId, scenario.forkedAt());
        List<BranchEvent> written = log.branchEvents(branch, -1);
        List<Conflict> conflicts = conflictsSince(scenario.forkedAt(), written);
        if (!conflicts.isEmpty()) {
            throw new Conflicting(scenarioId, conflicts);
        }
        List<AggregateCommand> commands = commandsOf(written);
        String scenarioAggregate = AggregateIds.scenario(scenarioId);
        long scenarioVersion = log.lastSequenceNumberFor(scenarioAggregate).orElseThrow() + 1;
        Branch staging = new Branch(scenarioId + "--applying-" + UUID.randomUUID(), Instant.now());
        try {
            Map<String, Object> asCaller = Map.of(EventMetadata.ACTOR, actor, EventMetadata.SCENARIO, scenarioId);
            log.onBranch(staging, () -> {
                commands.forEach(command -> sender.sendAs(command, asCaller));
                return null;
            });
            String correlationId = UUID.randomUUID().toString();
            String because = "Applied from scenario '" + scenario.name() + "' (" + scenarioId + ")"
                             + (reason == null || reason.isBlank() ? "" : ": " + reason.strip());
            List<EventMessage<?>> commit = new ArrayList<>();
            for (BranchEvent decided : log.branchEvents(staging, -1)) {
                commit.add(asApplied(decided.message(), correlationId, because));
            }
            commit.add(new GenericDomainEventMessage<>(Scenario.class.getSimpleName(), scenarioAggregate,
                                                       scenarioVersion,
                                                       new ScenarioApplied(scenarioId, commands.size()),
                                                       metaData(actor, correlationId, reason, scenarioId)));
            try {
                events.publish(commit);
            } catch (ConcurrencyException raced) {
                throw new StateConflict("scenario " + scenarioId + " was not applied: the plan changed where it "
                                        + "changes it while it was being applied; nothing was appended, apply it "
                                        + "again");
            }
            commit.forEach(event -> aggregates.remove(((DomainEventMessage<?>) event).getAggregateIdentifier()));
            return new Applied(commands.size(), commit.size() - 1, scenarioVersion,
                               log.positionOf(scenarioAggregate, scenarioVersion).orElseThrow());
        } finally {
            log.dropBranch(staging);
        }
    }

    /** The changes of the plan since the fork to aggregates the scenario's writes changed. */
    private List<Conflict> conflictsSince(Instant forkedAt, List<BranchEvent> written) {
        Set<String> changed = new LinkedHashSet<>();
        written.forEach(event -> changed.add(event.message().getAggregateIdentifier()));
        List<Conflict> conflicts = new ArrayList<>();
        for (String aggregateId : changed) {
            log.readEvents(aggregateId).asStream().filter(event -> event.getTimestamp().isAfter(forkedAt))
               .forEach(event -> conflicts.add(new Conflict(AggregateIds.describe(aggregateId),
                                                            event.getPayloadType().getSimpleName(),
                                                            event.getTimestamp(),
                                                            Objects.toString(event.getMetaData()
                                                                                  .get(EventMetadata.ACTOR), null))));
        }
        return conflicts;
    }

    /** The commands of the scenario's writes, one a write (its events share its correlation id), in order. */
    private List<AggregateCommand> commandsOf(List<BranchEvent> written) {
        Map<Object, AggregateCommand> commands = new LinkedHashMap<>();
        for (BranchEvent event : written) {
            Map<String, ?> metaData = event.message().getMetaData();
            commands.computeIfAbsent(metaData.get(EventMetadata.CORRELATION_ID),
                                     write -> command((String) metaData.get(EventMetadata.SCENARIO_COMMAND_TYPE),
                                                      (String) metaData.get(EventMetadata.SCENARIO_COMMAND)));
        }
        return List.copyOf(commands.values());
    }

    private AggregateCommand command(String type, String body) {
        try {
            Class<?> commandType = Class.forName(type, false, getClass().getClassLoader());
            if (!AggregateCommand.class.isAssignableFrom(commandType)) {
                throw new IllegalStateException("A scenario's write names " + type + ", which is not a command");
            }
            return (AggregateCommand) json.readValue(body, commandType);
        } catch (ClassNotFoundException | JsonProcessingException unreadable) {
            throw new IllegalStateException("A scenario's write cannot be read back as its command: " + type,
                                            unreadable);
        }
    }

    /** An event decided on the staging branch, as the plan's: the scenario named, the staging's own metadata gone. */
    private static EventMessage<?> asApplied(DomainEventMessage<?> decided, String correlationId, String because) {
        Map<String, Object> metaData = new HashMap<>(decided.getMetaData());
        metaData.remove(EventMetadata.SCENARIO_COMMAND_TYPE);
        metaData.remove(EventMetadata.SCENARIO_COMMAND);
        metaData.put(EventMetadata.CORRELATION_ID, correlationId);
        metaData.putIfAbsent(EventMetadata.REASON, because);
        return new GenericDomainEventMessage<>(decided.getType(), decided.getAggregateIdentifier(),
                                               decided.getSequenceNumber(), decided.getPayload(), metaData);
    }

    private static Map<String, Object> metaData(String actor, String correlationId, String reason, String scenario) {
        Map<String, Object> metaData = new HashMap<>(Map.of(EventMetadata.ACTOR, actor,
                                                            EventMetadata.CORRELATION_ID, correlationId,
                                                            EventMetadata.SCENARIO, scenario));
        if (reason != null && !reason.isBlank()) {
            metaData.put(EventMetadata.REASON, reason.strip());
        }
        return metaData;
    }
}
