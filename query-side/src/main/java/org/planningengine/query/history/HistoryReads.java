package org.planningengine.query.history;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Role;
import org.planningengine.security.web.LeastRole;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.capacity.CapacityAllocated;
import org.planningengine.events.capacity.GuardrailOverridden;
import org.planningengine.events.initiative.InitiativeDeferred;
import org.planningengine.events.initiative.InitiativeProposed;
import org.planningengine.query.views.ViewNotFound;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The decision history of an initiative, an objective, a cycle or a team, read from its own stream in the event log
 * (key lookups: exact, and as fast as loading the aggregate), archived or not: archiving hides an item from the
 * views, never from its history. An initiative's history also holds the allocations its team's plans gave it, in
 * every cycle it was in. Streams are read whole, from their first event: a snapshot, which loading an aggregate
 * starts from, would hide every event before it.
 */
@RestController
@Tag(name = "History", description = "Every change of an item, from its events")
class HistoryReads {

    record History(String id, List<HistoryEntry> events) {
    }

    private final EventStore log;

    HistoryReads(EventStore log) {
        this.log = log;
    }

    @Operation(summary = "An initiative's history")
    @LeastRole(Role.VIEWER)
    @GetMapping("/api/initiatives/{initiativeId}/history")
    History initiative(@PathVariable String initiativeId) {
        List<DomainEventMessage<?>> events = stream(AggregateIds.initiative(initiativeId));
        Set<String> plans = new LinkedHashSet<>();
        String teamId = null;
        for (DomainEventMessage<?> event : events) {
            if (event.getPayload() instanceof InitiativeProposed proposed) {
                teamId = proposed.teamId();
                plans.add(AggregateIds.teamPlan(proposed.cycleId(), teamId));
            } else if (event.getPayload() instanceof InitiativeDeferred deferred) {
                plans.add(AggregateIds.teamPlan(deferred.toCycleId(), teamId));
            }
        }
        List<DomainEventMessage<?>> all = new ArrayList<>(events);
        for (String plan : plans) {
            whole(plan).filter(about(initiativeId)).forEach(all::add);
        }
        all.sort(Comparator.comparing(DomainEventMessage<?>::getTimestamp));
        return new History(initiativeId, entries(all));
    }

    @Operation(summary = "An objective's history")
    @LeastRole(Role.VIEWER)
    @GetMapping("/api/objectives/{objectiveId}/history")
    History objective(@PathVariable String objectiveId) {
        return new History(objectiveId, entries(stream(AggregateIds.objective(objectiveId))));
    }

    /** The cycle's own events: its start, policies, commit, close, archiving and restoring. */
    @Operation(summary = "A cycle's history")
    @LeastRole(Role.VIEWER)
    @GetMapping("/api/cycles/{cycleId}/history")
    History cycle(@PathVariable String cycleId) {
        return new History(cycleId, entries(stream(AggregateIds.cycle(cycleId))));
    }

    /** The team's own events: its registration, archiving and restoring. */
    @Operation(summary = "A team's history")
    @LeastRole(Role.VIEWER)
    @GetMapping("/api/teams/{teamId}/history")
    History team(@PathVariable String teamId) {
        return new History(teamId, entries(stream(AggregateIds.team(teamId))));
    }

    private List<DomainEventMessage<?>> stream(String aggregateId) {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        whole(aggregateId).forEach(events::add);
        if (events.isEmpty()) {
            throw new ViewNotFound(AggregateIds.describe(aggregateId) + " does not exist");
        }
        return events;
    }

    /** Every event of the stream, never a snapshot. */
    private Stream<? extends DomainEventMessage<?>> whole(String aggregateId) {
        return log.readEvents(aggregateId, 0).asStream();
    }

    /** The plan's events about the initiative: its allocations and their overrides (others have no initiative). */
    private static Predicate<DomainEventMessage<?>> about(String initiativeId) {
        return event -> event.getPayload() instanceof CapacityAllocated allocated
                        && allocated.initiativeId().equals(initiativeId)
                        || event.getPayload() instanceof GuardrailOverridden overridden
                           && initiativeId.equals(overridden.initiativeId());
    }

    private static List<HistoryEntry> entries(List<DomainEventMessage<?>> events) {
        Changes changes = new Changes();
        List<HistoryEntry> entries = new ArrayList<>();
        for (DomainEventMessage<?> event : events) {
            Changes.Change change = changes.of(event.getPayload());
            entries.add(new HistoryEntry(event.getAggregateIdentifier(), event.getSequenceNumber(),
                                         event.getTimestamp(),
                                         (String) event.getMetaData().get(EventMetadata.ACTOR),
                                         event.getPayloadType().getSimpleName(),
                                         (String) event.getMetaData().get(EventMetadata.REASON),
                                         change.before(), change.after()));
        }
        return entries;
    }
}
