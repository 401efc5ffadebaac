package org.planningengine.standalone;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planningengine.eventlog.testing.Await;
import org.planningengine.standalone.testdomain.CounterProjection;
import org.planningengine.standalone.testdomain.IncrementCounter;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Stop the engine and start it again on the same data folder: nothing is lost, nothing is handled twice. */
class RestartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(PlanningEngineApplication.class)
                .run("--server.port=0", "--planning.embedded-mongo.data-dir=" + dataDir);
    }

    @Test
    void eventsPositionsAndProcessorProgressSurviveARestart() {
        try (ConfigurableApplicationContext first = start()) {
            CommandGateway commands = first.getBean(CommandGateway.class);
            for (int i = 0; i < 7; i++) {
                commands.sendAndWait(new IncrementCounter("durable"));
            }
            CounterProjection projection = first.getBean(CounterProjection.class);
            Await.until("the projection has caught up", () -> projection.value("durable") == 7);
        }

        try (ConfigurableApplicationContext second = start()) {
            EventStore eventStore = second.getBean(EventStore.class);
            assertThat(eventStore.readEvents("durable").asStream().count()).isEqualTo(7);
            assertThat((Long) second.getBean(CommandGateway.class).sendAndWait(new IncrementCounter("durable")))
                    .isEqualTo(8L);
            CounterProjection projection = second.getBean(CounterProjection.class);
            Await.until("the projection has handled the new event", () -> projection.value("durable") == 8);
            // Its token was kept in MongoDB: only the one new event was handled after the restart.
            assertThat(projection.handled()).isEqualTo(1);
        }
    }
}
