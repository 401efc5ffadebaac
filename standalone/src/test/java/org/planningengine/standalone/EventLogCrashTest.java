package org.planningengine.standalone;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.eventlog.serialization.EventSerialization;
import org.planningengine.standalone.embedded.EmbeddedMongoServer;
import org.planningengine.standalone.embedded.EmbeddedMongoSettings;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.planningengine.eventlog.testing.TestEvents.incremented;

/**
 * The standalone default loses no acknowledged event when the process is killed (SIGKILL) in the middle of appending,
 * and the log carries on after it: positions, sequence numbers and tracking.
 */
class EventLogCrashTest {

    private static final int ACKS_BEFORE_KILL = 200;

    @TempDir
    Path tempDir;

    @Test
    void everyAcknowledgedEventSurvivesAKillAndTheLogCarriesOn() throws Exception {
        Path dataDir = tempDir.resolve("data");
        Path childErrors = tempDir.resolve("child-stderr.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                           "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                                           AckingEventAppenderMain.class.getName(), dataDir.toString())
                .redirectError(childErrors.toFile())
                .start();
        long lastAcknowledged = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                                                                           StandardCharsets.UTF_8))) {
            String line;
            while (lastAcknowledged < ACKS_BEFORE_KILL - 1 && (line = out.readLine()) != null) {
                if (line.startsWith(AckingEventAppenderMain.ACK)) {
                    lastAcknowledged = Long.parseLong(line.substring(AckingEventAppenderMain.ACK.length()).trim());
                }
            }
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(lastAcknowledged).as("acknowledged before the kill; child stderr: %s",
                                         Files.exists(childErrors) ? Files.readString(childErrors) : "")
                                    .isEqualTo(ACKS_BEFORE_KILL - 1);

        try (EmbeddedMongoServer reopened = EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(dataDir, 0));
             MongoClient client = MongoClients.create(reopened.connectionString())) {
            MongoEventLog log = MongoEventLog.builder().database(client.getDatabase("planning"))
                                             .eventSerializer(EventSerialization.serializer()).build();
            List<Long> stored = log.readEvents(AckingEventAppenderMain.AGGREGATE).asStream()
                                   .map(DomainEventMessage::getSequenceNumber).toList();
            // Every acknowledged event is there, in order; the child may have stored one more it had no time to report.
            assertThat(stored).startsWith(java.util.stream.LongStream.rangeClosed(0, lastAcknowledged).boxed()
                                                                     .toArray(Long[]::new));
            long next = stored.get(stored.size() - 1) + 1;
            log.appendEvents(incremented(AckingEventAppenderMain.AGGREGATE, next));
            assertThat(log.readEvents(null, false).count()).isEqualTo(stored.size() + 1L);
        }
    }
}
