package org.planningengine.command.web;

/**
 * What every write answers.
 *
 * @param id               the id of what was written, as the client knows it
 * @param version          the aggregate's sequence number after the command (its first event is 0)
 * @param consistencyToken the global position of that event in the log; a view that has processed it reflects the
 *                         write
 */
public record WriteResult(String id, long version, String consistencyToken) {
}
