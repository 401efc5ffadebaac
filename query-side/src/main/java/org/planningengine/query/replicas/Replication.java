package org.planningengine.query.replicas;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How query-side replicas share the plan views' processor: one place for the settings the processor, the token
 * store and the balancer all read.
 *
 * @param segments     {@code planning.query.segments}: the plan views' segments
 * @param claimTimeout {@code planning.query.claim-timeout}: how long a segment's claim holds without being renewed,
 *                     a stopped replica's wait
 */
@ConfigurationProperties("planning.query")
public record Replication(@DefaultValue("1") int segments, @DefaultValue("10s") Duration claimTimeout) {

    /** How often an idle thread tries to claim a segment, and the balancer looks: four times per claim timeout. */
    public Duration claimInterval() {
        return claimTimeout.dividedBy(4);
    }
}
