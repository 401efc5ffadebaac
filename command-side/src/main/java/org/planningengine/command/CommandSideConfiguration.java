package org.planningengine.command;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.planningengine.events.EventMetadata;
import org.planningengine.eventlog.config.EventLogProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What every aggregate of the command side shares. */
@Configuration(proxyBeanMethods = false)
public class CommandSideConfiguration {

    /** The snapshot trigger aggregates name in {@code @Aggregate(snapshotTriggerDefinition = ...)}. */
    public static final String SNAPSHOT_TRIGGER = "planningSnapshotTrigger";
    /** The cache aggregates name in {@code @Aggregate(cache = ...)}. */
    public static final String AGGREGATE_CACHE = "planningAggregateCache";
    /** Aggregates kept in memory: the working set of a planning week many times over, a few MB. */
    static final int CACHED_AGGREGATES = 4096;

    @Bean(SNAPSHOT_TRIGGER)
    public SnapshotTriggerDefinition planningSnapshotTrigger(Snapshotter snapshotter, EventLogProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }

    @Bean(AGGREGATE_CACHE)
    public Cache planningAggregateCache() {
        return new RecentAggregates(CACHED_AGGREGATES);
    }

    /** Carries the correlation id (Axon's own, from the command or its id) onto every event the command causes. */
    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /**
     * Carries who, why and the idempotency key (with what its write answered) onto every event the command causes;
     * in a scenario, its command too; applied from one, the scenario.
     */
    @Bean
    public CorrelationDataProvider decisionMetadataProvider() {
        return new SimpleCorrelationDataProvider(EventMetadata.ACTOR, EventMetadata.REASON,
                                                 EventMetadata.IDEMPOTENCY_KEY, EventMetadata.REQUEST_DIGEST,
                                                 EventMetadata.ANSWER_ID, EventMetadata.ANSWER_AGGREGATE,
                                                 EventMetadata.SCENARIO_COMMAND_TYPE, EventMetadata.SCENARIO_COMMAND,
                                                 EventMetadata.SCENARIO);
    }
}
