package org.planningengine.command.concurrency;

import org.planningengine.events.AggregateIds;

/**
 * The aggregate is not at the version the command expected ({@link ExpectedVersion}): it changed since the client
 * read it, or it does not exist. Refused, nothing appended.
 */
public class UnexpectedVersion extends RuntimeException {

    private final Long currentVersion;

    /** @param currentVersion the aggregate's version, null when it does not exist */
    public UnexpectedVersion(String aggregateId, ExpectedVersion expected, Long currentVersion) {
        super(message(AggregateIds.describe(aggregateId), expected, currentVersion));
        this.currentVersion = currentVersion;
    }

    /** The aggregate's version when the command was refused; null when it does not exist. */
    public Long currentVersion() {
        return currentVersion;
    }

    private static String message(String aggregate, ExpectedVersion expected, Long current) {
        if (current == null) {
            return aggregate + " does not exist yet, so it is not at " + (expected.version() == null
                    ? "any version (If-Match: *)" : "version " + expected.version()) + "; nothing was appended";
        }
        return aggregate + " is at version " + current + ", not " + expected.version() + ": it changed since that "
               + "version was read; nothing was appended, read it again and decide on what it is now";
    }
}
