package org.planningengine.benchmarks;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.eventlog.serialization.EventSerialization;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Puts the Axon Mongo extension's event storage engine where ours stands, for the side-by-side figures. Axon, the
 * aggregates and the plan registry use it; our log is still built (on collections the extension leaves alone) only
 * because the HTTP writes ask it for positions, which gateway commands never do.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class ExtensionStorage {

    @Bean
    @Primary
    EventStorageEngine extensionStorageEngine(MongoDatabase planningDatabase, Configuration configuration) {
        return engine(planningDatabase, configuration);
    }

    /** The extension's engine on its own collections of this database, serializing as ours does. */
    static MongoEventStorageEngine engine(MongoDatabase database, Configuration configuration) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(database).build())
                .eventSerializer(EventSerialization.serializer())
                .snapshotSerializer(EventSerialization.snapshotSerializer())
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .build();
        engine.ensureIndexes();
        return engine;
    }

    @Bean
    MongoEventLog unusedEventLog(MongoDatabase planningDatabase,
                                 @Qualifier("eventSerializer") Serializer eventSerializer) {
        return MongoEventLog.builder().database(planningDatabase).eventSerializer(eventSerializer)
                            .snapshotSerializer(EventSerialization.snapshotSerializer())
                            .meterRegistry(new SimpleMeterRegistry()).build();
    }
}
