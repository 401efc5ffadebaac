package org.planningengine.eventlog;

/**
 * An event of an aggregate as its commit stored it: where it is in its stream and in the log, and its metadata as
 * the serializer wrote it (JSON).
 */
public record CommittedEvent(String aggregateId, long sequence, long position, String metaData) {
}
