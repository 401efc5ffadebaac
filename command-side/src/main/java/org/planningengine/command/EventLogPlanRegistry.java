package org.planningengine.command;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.planningengine.command.cycle.CycleStatus;
import org.planningengine.events.cycle.CycleClosed;
import org.planningengine.events.cycle.CycleStarted;
import org.planningengine.events.cycle.PlanCommitted;
import org.planningengine.events.initiative.DependencyAdded;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link PlanRegistry} on the event log: an aggregate exists when it has a first event, and its state is folded from
 * its events, read from the storage engine itself so that no snapshot stands in for them.
 */
@Component
public class EventLogPlanRegistry implements PlanRegistry {

    private final EventStorageEngine log;

    public EventLogPlanRegistry(EventStorageEngine log) {
        this.log = log;
    }

    @Override
    public boolean teamExists(String teamId) {
        return log.lastSequenceNumberFor(AggregateIds.team(teamId)).isPresent();
    }

    @Override
    public boolean initiativeExists(String initiativeId) {
        return log.lastSequenceNumberFor(AggregateIds.initiative(initiativeId)).isPresent();
    }

    @Override
    public Optional<CycleStatus> cycleStatus(String cycleId) {
        return log.readEvents(AggregateIds.cycle(cycleId)).asStream()
                  .map(event -> statusAfter(event.getPayload()))
                  .flatMap(Optional::stream)
                  .reduce((earlier, later) -> later);
    }

    @Override
    public Optional<Set<String>> dependenciesOf(String initiativeId) {
        List<? extends DomainEventMessage<?>> events = log.readEvents(AggregateIds.initiative(initiativeId))
                                                          .asStream().toList();
        if (events.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(events.stream()
                                 .map(DomainEventMessage::getPayload)
                                 .filter(DependencyAdded.class::isInstance)
                                 .map(added -> ((DependencyAdded) added).dependsOn())
                                 .collect(Collectors.toSet()));
    }

    private static Optional<CycleStatus> statusAfter(Object event) {
        if (event instanceof CycleStarted) {
            return Optional.of(CycleStatus.PLANNING);
        }
        if (event instanceof PlanCommitted) {
            return Optional.of(CycleStatus.COMMITTED);
        }
        if (event instanceof CycleClosed) {
            return Optional.of(CycleStatus.CLOSED);
        }
        return Optional.empty();
    }
}
