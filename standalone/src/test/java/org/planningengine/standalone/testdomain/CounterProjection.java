package org.planningengine.standalone.testdomain;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.planningengine.eventlog.testing.TestEvents.CounterIncremented;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A test-only projection that remembers what this run of the application handled. */
@Component
@ProcessingGroup("counters")
public class CounterProjection {

    private final Map<String, Long> values = new ConcurrentHashMap<>();
    private final AtomicInteger handled = new AtomicInteger();

    @EventHandler
    void on(CounterIncremented event) {
        values.merge(event.counterId(), event.value(), Math::max);
        handled.incrementAndGet();
    }

    public long value(String counterId) {
        return values.getOrDefault(counterId, 0L);
    }

    public int handled() {
        return handled.get();
    }
}
