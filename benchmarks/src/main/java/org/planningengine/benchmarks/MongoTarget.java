package org.planningengine.benchmarks;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.planningengine.standalone.embedded.EmbeddedMongoServer;
import org.planningengine.standalone.embedded.EmbeddedMongoSettings;

/**
 * The MongoDB every workload of a run uses: the one given by URI, or an embedded server the harness starts (the
 * standalone application's, in memory). Each workload gets a database of its own, dropped before it starts, so
 * the engine and the raw driver work on the same server side by side.
 */
final class MongoTarget implements AutoCloseable {

    private final EmbeddedMongoServer embedded;
    private final String base;
    private final MongoClient client;

    private MongoTarget(EmbeddedMongoServer embedded, String base) {
        this.embedded = embedded;
        this.base = base;
        this.client = MongoClients.create(base);
    }

    static MongoTarget embeddedInMemory() {
        EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.memory(0));
        return new MongoTarget(server, server.connectionString());
    }

    /** A MongoDB of one's own; the URI names no database (each workload picks its own). */
    static MongoTarget at(String uri) {
        ConnectionString connection = new ConnectionString(uri);
        if (connection.getDatabase() != null) {
            throw new IllegalArgumentException("--mongo-uri must not name a database: the harness uses one per "
                                               + "workload, bench_*, and drops it");
        }
        return new MongoTarget(null, uri);
    }

    String describe() {
        return embedded != null ? "embedded mongo-java-server, memory backend" : "MongoDB at " + base;
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
    }
}
