package org.planningengine.standalone;

import com.mongodb.ConnectionString;
import org.planningengine.standalone.embedded.EmbeddedMongoServer;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Starts the embedded MongoDB wire-protocol server and points the driver at it, unless
 * {@code spring.data.mongodb.uri} names a MongoDB. Spring closes the client before the server (the client's
 * connection details depend on it), and the server closes its store cleanly.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedMongoConfiguration.NoMongoUri.class)
@EnableConfigurationProperties(EmbeddedMongoProperties.class)
public class EmbeddedMongoConfiguration {

    static final String MONGO_URI = "spring.data.mongodb.uri";

    @Bean(destroyMethod = "close")
    public EmbeddedMongoServer embeddedMongoServer(EmbeddedMongoProperties properties) {
        return EmbeddedMongoServer.start(properties.settings());
    }

    @Bean
    public MongoConnectionDetails embeddedMongoConnectionDetails(EmbeddedMongoServer embeddedMongoServer) {
        ConnectionString connectionString = new ConnectionString(embeddedMongoServer.connectionString());
        return () -> connectionString;
    }

    static class NoMongoUri extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return context.getEnvironment().containsProperty(MONGO_URI)
                    ? ConditionOutcome.noMatch(MONGO_URI + " is set: using that MongoDB")
                    : ConditionOutcome.match(MONGO_URI + " is not set: starting the embedded server");
        }
    }
}
