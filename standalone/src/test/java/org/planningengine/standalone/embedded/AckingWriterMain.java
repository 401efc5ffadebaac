package org.planningengine.standalone.embedded;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import org.bson.Document;
import org.slf4j.LoggerFactory;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/**
 * Child process of {@link EmbeddedMongoServerCrashTest}: opens the H2 store in the folder given as the first
 * argument and inserts documents {@code _id: 1, 2, 3, ...} one at a time with acknowledged write concern, printing
 * {@code ACK <n>} after each acknowledged insert, until it is killed.
 */
public final class AckingWriterMain {

    static final String DATABASE = "crash";
    static final String COLLECTION = "events";
    static final String ACK_PREFIX = "ACK ";
    /** Upper bound, so a child whose parent vanished without killing it still ends. */
    static final long MAX_DOCUMENTS = 100_000;

    private AckingWriterMain() {
    }

    public static void main(String[] args) throws IOException {
        // logback writes to stdout at DEBUG by default: keep stdout for the ACK lines and the writer fast
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        exitWhenParentGoesAway();

        PrintStream out = System.out;
        EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(Path.of(args[0]), 0));
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(server.connectionString()))
                .writeConcern(WriteConcern.ACKNOWLEDGED)
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoCollection<Document> events = client.getDatabase(DATABASE).getCollection(COLLECTION);
            String payload = "x".repeat(400);
            for (long n = 1; n <= MAX_DOCUMENTS; n++) {
                events.insertOne(new Document("_id", n).append("payload", payload));
                out.println(ACK_PREFIX + n);
                out.flush();
            }
        }
        server.close();
    }

    /** The parent never writes to our stdin; end of input means it is gone. */
    private static void exitWhenParentGoesAway() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() != -1) {
                    // ignore input
                }
            } catch (IOException ignored) {
                // treat like end of input
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
