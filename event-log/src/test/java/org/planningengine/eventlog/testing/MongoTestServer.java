package org.planningengine.eventlog.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One MongoDB wire-protocol server (mongo-java-server, memory backend) per test JVM, reached through the real
 * driver. Each test takes a database of its own, so tests never see each other's data.
 */
public final class MongoTestServer {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static MongoServer server;
    private static MongoClient client;

    private MongoTestServer() {
    }

    public static synchronized String connectionString() {
        if (server == null) {
            server = new MongoServer(new MemoryBackend());
            server.bind("127.0.0.1", 0);
            client = MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                client.close();
                server.shutdownNow();
            }));
        }
        return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    public static MongoDatabase newDatabase() {
        connectionString();
        return client.getDatabase("test-" + DATABASES.incrementAndGet());
    }
}
