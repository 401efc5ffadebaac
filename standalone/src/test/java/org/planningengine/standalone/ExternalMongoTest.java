package org.planningengine.standalone;

import com.mongodb.client.MongoClients;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.eventlog.testing.MongoTestServer;
import org.planningengine.standalone.embedded.EmbeddedMongoServer;
import org.planningengine.standalone.testdomain.IncrementCounter;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Naming a MongoDB in spring.data.mongodb.uri uses it and starts no embedded server. */
class ExternalMongoTest {

    @TempDir
    Path tempDir;

    @Test
    void usesTheGivenMongoDbAndStartsNoEmbeddedServer() {
        String uri = MongoTestServer.connectionString() + "/external-planning";
        Path unusedDataDir = tempDir.resolve("never-created");

        try (ConfigurableApplicationContext engine = new SpringApplicationBuilder(PlanningEngineApplication.class)
                .run("--server.port=0",
                     "--spring.data.mongodb.uri=" + uri,
                     "--planning.embedded-mongo.data-dir=" + unusedDataDir)) {
            engine.getBean(CommandGateway.class).sendAndWait(new IncrementCounter("external"));

            assertThat(engine.getBeansOfType(EmbeddedMongoServer.class)).isEmpty();
        }

        assertThat(unusedDataDir).doesNotExist();
        try (var client = MongoClients.create(MongoTestServer.connectionString())) {
            assertThat(client.getDatabase("external-planning").getCollection(MongoEventLog.EVENTS_COLLECTION)
                             .countDocuments()).isEqualTo(1);
        }
    }
}
