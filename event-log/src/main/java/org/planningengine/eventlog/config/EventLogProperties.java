package org.planningengine.eventlog.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code planning.event-log.*}: how the event log reads and when aggregates are snapshotted.
 *
 * @param gapTimeout         how long after its reservation, by the log's clock, a position that no commit filled is
 *                           closed as abandoned (its writer died between reserving and committing): readers wait
 *                           for it until then, and a commit arriving later is appended again at new positions;
 *                           counted in {@code planning.eventlog.gaps.given.up}
 * @param batchSize          events per read, both when tracking and when loading an aggregate
 * @param snapshotThreshold  events after which an aggregate is snapshotted
 * @param pollInterval       how often an idle processor looks for commits of other engines (commits of its own engine
 *                           wake it at once)
 * @param haltAfterReserving fault injection for tests only, never for production: the JVM halts (exit status
 *                           {@link EventLogAutoConfiguration#HALTED_AFTER_RESERVING}) right after an append reserves
 *                           its positions and before it commits, leaving them empty as a writer killed there does
 */
@ConfigurationProperties("planning.event-log")
public record EventLogProperties(@DefaultValue("60s") Duration gapTimeout,
                                 @DefaultValue("100") int batchSize,
                                 @DefaultValue("100") int snapshotThreshold,
                                 @DefaultValue("100ms") Duration pollInterval,
                                 @DefaultValue("false") boolean haltAfterReserving) {

    public EventLogProperties {
        if (gapTimeout.isNegative()) {
            throw new IllegalArgumentException("planning.event-log.gap-timeout must not be negative");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("planning.event-log.batch-size must be at least 1");
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("planning.event-log.poll-interval must be positive");
        }
        if (snapshotThreshold < 1) {
            throw new IllegalArgumentException("planning.event-log.snapshot-threshold must be at least 1");
        }
    }
}
