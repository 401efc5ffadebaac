package org.planningengine.eventlog.testing;

import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An event handler that remembers what it handled and whether it was a replay. */
public class CollectingHandler {

    public record Handled(String eventId, Object payload, ReplayStatus status) {
    }

    private final List<Handled> handled = new CopyOnWriteArrayList<>();

    @EventHandler
    public void on(Object payload, EventMessage<?> message, ReplayStatus status) {
        handled.add(new Handled(message.getIdentifier(), payload, status));
    }

    public List<Handled> handled() {
        return handled;
    }

    public int count() {
        return handled.size();
    }

    public boolean saw(String eventId) {
        return handled.stream().anyMatch(h -> h.eventId().equals(eventId));
    }
}
