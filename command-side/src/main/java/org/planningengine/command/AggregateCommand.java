package org.planningengine.command;

/** A command addressed to one aggregate, by its identifier in the event log (see {@link AggregateIds}). */
public interface AggregateCommand {

    String aggregateId();
}
