package org.planningengine.standalone.testdomain;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.planningengine.command.CommandSideConfiguration;
import org.planningengine.eventlog.testing.TestEvents.CounterIncremented;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A test-only aggregate, event sourced and snapshotted like the domain's will be. */
@Aggregate(snapshotTriggerDefinition = CommandSideConfiguration.SNAPSHOT_TRIGGER)
public class CounterAggregate {

    @AggregateIdentifier
    private String counterId;
    private long value;

    protected CounterAggregate() {
    }

    /** Answers the counter's value after the increment. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(IncrementCounter command) {
        apply(new CounterIncremented(command.counterId(), value + 1));
        return value;
    }

    @EventSourcingHandler
    void on(CounterIncremented event) {
        counterId = event.counterId();
        value = event.value();
    }
}
