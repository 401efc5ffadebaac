package org.planningengine.eventlog.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code planning.event-log.*}: how the event log reads and when aggregates are snapshotted.
 *
 * @param gapTimeout        how long a reader waits for a position it passed before giving it up (an event that becomes
 *                          visible later than this is not delivered to processors that moved on; it is logged and
 *                          counted in {@code planning.eventlog.gaps.given.up})
 * @param batchSize         events per read, both when tracking and when loading an aggregate
 * @param snapshotThreshold events after which an aggregate is snapshotted
 * @param pollInterval      how often an idle processor looks for commits of other engines (commits of its own engine
 *                          wake it at once)
 */
@ConfigurationProperties("planning.event-log")
public record EventLogProperties(@DefaultValue("60s") Duration gapTimeout,
                                 @DefaultValue("100") int batchSize,
                                 @DefaultValue("100") int snapshotThreshold,
                                 @DefaultValue("100ms") Duration pollInterval) {

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
