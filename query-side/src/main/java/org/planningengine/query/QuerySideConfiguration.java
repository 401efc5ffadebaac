package org.planningengine.query;

import com.fasterxml.jackson.core.JsonGenerator;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.lifecycle.Phase;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.planningengine.query.admin.ViewsUpgrade;
import org.planningengine.query.replicas.Replication;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.ViewWrites;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.TimeUnit;

/**
 * Where the query side keeps its processors' progress: tokens (and sagas) in the same MongoDB, through the Axon
 * Mongo extension, so query-side replicas share processor segments through the token store.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Replication.class)
public class QuerySideConfiguration {

    /** Exact decimals (RICE inputs, scores) are written as plain numbers, never in exponent form. */
    @Bean
    public Jackson2ObjectMapperBuilderCustomizer plainDecimals() {
        return builder -> builder.featuresToEnable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    /**
     * Events the plan views' processor handles in one unit of work, storing its token once for them all. The views
     * apply each event idempotently, so a batch cut short by a crash is simply handled again. (One event a batch
     * stored the token twice per event: the benchmark's replay spent most of its time there.)
     */
    public static final int EVENTS_PER_BATCH = 100;

    /**
     * An event the plan views cannot apply goes to a dead-letter queue in MongoDB (with the later events of its
     * aggregate), and the processor goes on with the rest; the admin API shows and retries them. The invoker
     * remembers which aggregates have no dead letters instead of asking the queue before every event (a segment is
     * processed by one replica at a time, and the memory is dropped when the segment is released).
     */
    @Bean
    public ConfigurerModule planDeadLetters(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return configurer -> configurer.eventProcessing()
                .registerDeadLetterQueue(PlanProgress.GROUP,
                                         configuration -> MongoSequencedDeadLetterQueue.builder()
                                                                                       .processingGroup(PlanProgress.GROUP)
                                                                                       .mongoTemplate(axonMongoTemplate)
                                                                                       .serializer(serializer)
                                                                                       .build())
                .registerDeadLetteringEventHandlerInvokerConfiguration(
                        PlanProgress.GROUP, (configuration, invoker) -> invoker.enableSequenceIdentifierCache());
    }

    /** The plan views' writes of a batch are sent together at its end ({@link ViewWrites}). */
    @Bean
    public ConfigurerModule planViewWrites() {
        return configurer -> configurer.eventProcessing().registerHandlerInterceptor(
                PlanProgress.GROUP, configuration -> ViewWrites.SENT_AFTER_EACH_BATCH);
    }

    /** Views of another shape are reset after the processors are built and before they start. */
    @Bean
    public ConfigurerModule viewsUpgradedBeforeProcessing(ObjectProvider<ViewsUpgrade> upgrade) {
        return configurer -> configurer.onStart(Phase.INBOUND_EVENT_CONNECTORS - 1,
                                                () -> upgrade.getObject().rebuildViewsOfAnotherShape());
    }

    @Bean
    public MongoTemplate axonMongoTemplate(MongoDatabase planningDatabase) {
        return DefaultMongoTemplate.builder().mongoDatabase(planningDatabase).build();
    }

    /**
     * The plan views' processor, in {@code planning.query.segments} segments (1 by default), with a thread for each
     * on every replica, so that one replica can take every segment over.
     */
    @Bean
    public ConfigurerModule planSegments(Replication replication) {
        return configurer -> configurer.eventProcessing().registerTrackingEventProcessorConfiguration(
                PlanProgress.GROUP, configuration -> TrackingEventProcessorConfiguration
                        .forParallelProcessing(replication.segments())
                        .andInitialSegmentsCount(replication.segments())
                        .andBatchSize(EVENTS_PER_BATCH)
                        .andTokenClaimInterval(replication.claimInterval().toMillis(), TimeUnit.MILLISECONDS));
    }

    /** A segment's claim lapses after {@code planning.query.claim-timeout} without renewal: a dead replica's wait. */
    @Bean
    public TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer, Replication replication) {
        return MongoTokenStore.builder().mongoTemplate(axonMongoTemplate).serializer(serializer)
                              .claimTimeout(replication.claimTimeout()).build();
    }

    @Bean
    public SagaStore<Object> sagaStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return MongoSagaStore.builder().mongoTemplate(axonMongoTemplate).serializer(serializer).build();
    }
}
