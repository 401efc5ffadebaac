package org.planningengine.command;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

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
}
