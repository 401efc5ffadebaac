package org.planningengine.eventlog.config;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.eventlog.TailingEventStore;
import org.planningengine.eventlog.serialization.EventSerialization;
import org.planningengine.eventlog.upcasting.CycleClosedUpcaster;
import org.planningengine.eventlog.upcasting.GuardrailOverriddenUpcaster;
import org.planningengine.eventlog.upcasting.InitiativeScoredUpcaster;
import org.planningengine.eventlog.upcasting.KeyResultUpdatedUpcaster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;

/**
 * Wires the event log into Axon for both sides: our {@link MongoEventLog} as the storage engine, Jackson for every
 * serializer (never XStream), and the database both sides share.
 */
@AutoConfiguration(after = MongoAutoConfiguration.class,
        beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@EnableConfigurationProperties(EventLogProperties.class)
public class EventLogAutoConfiguration {

    static final String DEFAULT_DATABASE = "planning";
    /** The exit status of a JVM halted by {@code planning.event-log.halt-after-reserving}. */
    public static final int HALTED_AFTER_RESERVING = 86;
    private static final Logger log = LoggerFactory.getLogger(EventLogAutoConfiguration.class);

    /** The database named by {@code spring.data.mongodb.database}, else by the URI, else {@code planning}. */
    @Bean
    @ConditionalOnMissingBean
    public MongoDatabase planningDatabase(MongoClient client, MongoProperties properties) {
        String name = properties.getDatabase();
        if (name == null && properties.getUri() != null) {
            name = new ConnectionString(properties.getUri()).getDatabase();
        }
        return client.getDatabase(name == null ? DEFAULT_DATABASE : name);
    }

    @Bean
    @Primary
    public Serializer serializer() {
        return EventSerialization.serializer();
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer() {
        return EventSerialization.serializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer() {
        return EventSerialization.serializer();
    }

    /** Reads events stored in an older shape as the current one; Axon puts every upcaster bean in its chain. */
    @Bean
    @Order(1)
    public InitiativeScoredUpcaster initiativeScoredUpcaster() {
        return new InitiativeScoredUpcaster();
    }

    @Bean
    @Order(2)
    public KeyResultUpdatedUpcaster keyResultUpdatedUpcaster() {
        return new KeyResultUpdatedUpcaster();
    }

    @Bean
    @Order(3)
    public GuardrailOverriddenUpcaster guardrailOverriddenUpcaster() {
        return new GuardrailOverriddenUpcaster();
    }

    @Bean
    @Order(4)
    public CycleClosedUpcaster cycleClosedUpcaster() {
        return new CycleClosedUpcaster();
    }

    /** Typed as the log itself: writes ask it for the position of what they appended. */
    @Bean
    @ConditionalOnMissingBean(EventStorageEngine.class)
    public MongoEventLog eventStorageEngine(MongoDatabase planningDatabase,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 Configuration configuration,
                                                 EventLogProperties properties,
                                                 ObjectProvider<MeterRegistry> meterRegistry) {
        return MongoEventLog.builder()
                            .database(planningDatabase)
                            .eventSerializer(eventSerializer)
                            .snapshotSerializer(EventSerialization.snapshotSerializer())
                            .upcasterChain(configuration.upcasterChain())
                            .snapshotFilter(configuration.snapshotFilter())
                            .batchSize(properties.batchSize())
                            .gapTimeout(properties.gapTimeout())
                            .meterRegistry(meterRegistry.getIfAvailable(SimpleMeterRegistry::new))
                            .afterReserving(properties.haltAfterReserving() ? EventLogAutoConfiguration::halt
                                                                            : () -> { })
                            .build();
    }

    /** The test-only fault: dies the way a killed writer does, with positions reserved and nothing committed. */
    private static void halt() {
        log.error("Halting after reserving positions (planning.event-log.halt-after-reserving, a test-only fault)");
        Runtime.getRuntime().halt(HALTED_AFTER_RESERVING);
    }

    /**
     * Every processor reads its own stream from the log (cheap key lookups) instead of Axon's shared cache: the cache
     * finds a reader's place by token equality, and with gap-aware tokens the same event can carry another token for
     * each reader, which leaves a processor waiting until the cache's cleaner frees it. The streams wake on every
     * commit of this engine (see {@link TailingEventStore}).
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    @ConditionalOnMissingBean(EventStore.class)
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                         EventLogProperties properties) {
        return new TailingEventStore(EmbeddedEventStore.builder()
                                                       .storageEngine(storageEngine)
                                                       .messageMonitor(configuration.messageMonitor(
                                                               EventStore.class, "eventStore"))
                                                       .spanFactory(configuration.getComponent(
                                                               EventBusSpanFactory.class))
                                                       .optimizeEventConsumption(false),
                                     properties.pollInterval());
    }
}
