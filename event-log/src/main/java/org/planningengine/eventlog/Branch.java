package org.planningengine.eventlog;

import java.time.Instant;
import java.util.Objects;

/**
 * A branch of the log (a scenario): the log's events up to {@code forkedAt}, by their timestamps, the instant the
 * as-of views answer for, then events of the branch's own, stored apart from the log. Reads and appends made
 * {@linkplain MongoEventLog#onBranch on a branch} see and change only the branch; the log, its readers and
 * everything fed from them never see its events.
 *
 * @param id       the branch's identifier, a slug
 * @param forkedAt the instant of the log the branch starts from
 */
public record Branch(String id, Instant forkedAt) {

    public Branch {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(forkedAt, "forkedAt");
    }
}
