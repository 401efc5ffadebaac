package org.planningengine.standalone;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.eventlog.serialization.EventSerialization;
import org.planningengine.standalone.embedded.EmbeddedMongoServer;
import org.planningengine.standalone.embedded.EmbeddedMongoSettings;

import java.nio.file.Path;

import static org.planningengine.eventlog.testing.TestEvents.incremented;

/**
 * The child process of {@link EventLogCrashTest}: the standalone default (embedded server, durable H2 store) with the
 * event log on it, appending one event at a time for ever and printing {@code ACK <sequence>} once each append has
 * returned, that is once the engine would have answered the client.
 */
public final class AckingEventAppenderMain {

    static final String ACK = "ACK ";
    static final String AGGREGATE = "crash-tested";

    private AckingEventAppenderMain() {
    }

    public static void main(String[] args) {
        EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(Path.of(args[0]), 0));
        MongoClient client = MongoClients.create(server.connectionString());
        MongoEventLog log = MongoEventLog.builder()
                                         .database(client.getDatabase("planning"))
                                         .eventSerializer(EventSerialization.serializer())
                                         .build();
        for (long sequence = 0; ; sequence++) {
            log.appendEvents(incremented(AGGREGATE, sequence));
            System.out.println(ACK + sequence);
            System.out.flush();
        }
    }
}
