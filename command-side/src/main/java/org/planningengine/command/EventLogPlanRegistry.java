package org.planningengine.command;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.planningengine.command.cycle.CycleStatus;
import org.planningengine.events.cycle.CycleClosed;
import org.planningengine.events.cycle.CycleStarted;
import org.planningengine.events.cycle.PlanCommitted;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** {@link PlanRegistry} on the event log: an aggregate exists when it has a first event. */
@Component
public class EventLogPlanRegistry implements PlanRegistry {

    private final EventStore eventStore;

    public EventLogPlanRegistry(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public boolean teamExists(String teamId) {
        return eventStore.lastSequenceNumberFor(AggregateIds.team(teamId)).isPresent();
    }

    /** Folds the cycle's few events (cycles are never snapshotted, so every event is there). */
    @Override
    public Optional<CycleStatus> cycleStatus(String cycleId) {
        return eventStore.readEvents(AggregateIds.cycle(cycleId)).asStream()
                         .map(event -> statusAfter(event.getPayload()))
                         .flatMap(Optional::stream)
                         .reduce((earlier, later) -> later);
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
