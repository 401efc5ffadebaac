package org.planningengine.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.planningengine.standalone.embedded.EmbeddedMongoServer;
import org.planningengine.standalone.embedded.EmbeddedMongoSettings;

/**
 * The MongoDB every workload of a run uses: the one given by URI, or an embedded server the harness starts (the
 * standalone application's, in memory or on its durable default in a folder of its own). Each workload gets a
 * database of its own, dropped before it starts, so the engine and the raw driver work on the same server side by
 * side.
 */
final class MongoTarget implements AutoCloseable {

    private final EmbeddedMongoServer embedded;
    /** The durable server's data folder, deleted on close; null otherwise. */
    private final Path dataDirectory;
    private final String base;
    private final MongoClient client;

    private MongoTarget(EmbeddedMongoServer embedded, Path dataDirectory, String base) {
        this.embedded = embedded;
        this.dataDirectory = dataDirectory;
        this.base = base;
        this.client = MongoClients.create(base);
    }

    static MongoTarget embeddedInMemory() {
        EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.memory(0));
        return new MongoTarget(server, null, server.connectionString());
    }

    /**
     * The standalone's default, H2 in a new folder, with every setting at its default but compaction on close (the
     * run ends by deleting the file, so there is nothing to compact for).
     */
    static MongoTarget embeddedDurable() {
        try {
            Path folder = Files.createTempDirectory("planning-benchmark-durable-");
            EmbeddedMongoServer server = EmbeddedMongoServer.start(
                    EmbeddedMongoSettings.h2(folder, 0).withCompactOnClose(Duration.ZERO));
            return new MongoTarget(server, folder, server.connectionString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A MongoDB of one's own; the URI names no database (each workload picks its own). */
    static MongoTarget at(String uri) {
        ConnectionString connection = new ConnectionString(uri);
        if (connection.getDatabase() != null) {
            throw new IllegalArgumentException("--mongo-uri must not name a database: the harness uses one per "
                                               + "workload, bench_*, and drops it");
        }
        return new MongoTarget(null, null, uri);
    }

    String describe() {
        if (embedded == null) {
            return "MongoDB at " + base;
        }
        return "embedded mongo-java-server, " + (dataDirectory == null ? "memory backend"
                                                                       : "durable H2 backend (the default)");
    }

    /** A new, empty database. */
    MongoDatabase fresh(String name) {
        MongoDatabase database = client.getDatabase(name);
        database.drop();
        return database;
    }

    MongoDatabase database(String name) {
        return client.getDatabase(name);
    }

    /** The connection string that points an engine at this database. */
    String uri(String database) {
        int options = base.indexOf('?');
        String hosts = options < 0 ? base : base.substring(0, options);
        String query = options < 0 ? "" : base.substring(options);
        return hosts.replaceAll("/+$", "") + "/" + database + query;
    }

    @Override
    public void close() {
        client.close();
        if (embedded != null) {
            embedded.close();
        }
        if (dataDirectory != null) {
            Folders.deleteTree(dataDirectory);
        }
    }
}
