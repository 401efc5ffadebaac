package org.planningengine.standalone.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

class EmbeddedMongoServerTest {

    @TempDir
    Path tempDir;

    @Test
    void memoryBackendServesTheDriverOnLoopback() {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.memory(0));
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("planning").getCollection("events");
            events.insertOne(new Document("_id", 1L).append("keys", List.of("a:0")));

            assertThat(server.connectionString()).startsWith("mongodb://planning-engine:")
                    .contains("@127.0.0.1:" + server.port() + "/").contains("authMechanism=SCRAM-SHA-256");
            assertThat(server.anonymousConnectionString()).isEqualTo("mongodb://127.0.0.1:" + server.port());
            assertThat(server.port()).isPositive();
            assertThat(server.dataDirectory()).isNull();
            assertThat(events.countDocuments()).isEqualTo(1);
        }
    }

    @Test
    void h2DataAndUniqueIndexSurviveCloseAndReopen() {
        Path dataDirectory = tempDir.resolve("data");
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(dataDirectory, 0));
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("planning").getCollection("events");
            events.createIndex(Indexes.ascending("keys"), new IndexOptions().unique(true));
            events.insertOne(new Document("_id", 1L).append("keys", List.of("a:0", "a:1")));
            events.insertOne(new Document("_id", 3L).append("keys", List.of("b:0")));
        }
        assertThat(dataDirectory.resolve(EmbeddedMongoServer.STORE_FILE_NAME)).isRegularFile();

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(dataDirectory, 0));
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("planning").getCollection("events");

            assertThat(events.find().map(document -> document.getLong("_id"))).containsExactlyInAnyOrder(1L, 3L);
            assertThat(events.find(new Document("keys", "a:1")).first()).containsEntry("_id", 1L);
            assertThatThrownBy(() -> events.insertOne(new Document("_id", 4L).append("keys", List.of("a:1"))))
                    .as("the unique index on keys is still there")
                    .isInstanceOf(MongoWriteException.class)
                    .hasMessageContaining("duplicate key");
        }
    }

    @Test
    void createsAMissingDataFolder() {
        Path dataDirectory = tempDir.resolve("not").resolve("there").resolve("yet");

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(dataDirectory, 0))) {
            assertThat(server.dataDirectory()).isDirectory();
            assertThat(dataDirectory.resolve(EmbeddedMongoServer.STORE_FILE_NAME)).isRegularFile();
        }
    }

    @Test
    void aDataFolderThatCannotBeCreatedFailsWithAMessageNamingIt() throws IOException {
        // below a regular file nothing can be created, not even by root
        Path regularFile = Files.createFile(tempDir.resolve("a-file"));
        Path dataDirectory = regularFile.resolve("data");

        assertThatThrownBy(() -> EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(dataDirectory, 0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot create the data folder " + dataDirectory.toAbsolutePath());
    }

    @Test
    void aDataFolderThatIsARegularFileFailsWithAMessageNamingIt() throws IOException {
        Path regularFile = Files.createFile(tempDir.resolve("data"));

        assertThatThrownBy(() -> EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(regularFile, 0)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot create the data folder " + regularFile.toAbsolutePath());
    }

    @Test
    void aBusyPortFailsWithAMessageNamingItAndReleasesTheDataFolder() throws IOException {
        Path dataDirectory = tempDir.resolve("data");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(dataDirectory, port)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("already in use");
            assertThatThrownBy(() -> EmbeddedMongoServer.start(EmbeddedMongoSettings.memory(port)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("already in use");
        }
        // the failed start closed its store: the folder opens again
        EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(dataDirectory, 0)).close();
    }

    @Test
    void aSecondServerOnTheSameFolderIsRefusedUntilTheFirstCloses() throws IOException {
        Path dataDirectory = tempDir.resolve("data");
        try (EmbeddedMongoServer first = EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(dataDirectory, 0))) {
            // reached through another spelling of the same folder
            Path sameFolder = tempDir.resolve("other").resolve("..").resolve("data");

            assertThatThrownBy(() -> EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(sameFolder, 0)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(dataDirectory.toRealPath().toString())
                    .hasMessageContaining("already in use");
        }
        EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(dataDirectory, 0)).close();
    }

    @Test
    void aStoreCompactedOnCloseReadsEveryDocumentBack() {
        Path dataDirectory = tempDir.resolve("data");
        EmbeddedMongoSettings settings = EmbeddedMongoSettings.h2(dataDirectory, 0);
        assertThat(settings.compactOnClose()).as("the default compacts").isPositive();
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(settings);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> views = client.getDatabase("planning").getCollection("views");
            views.createIndex(Indexes.ascending("key"), new IndexOptions().unique(true));
            for (int i = 0; i < 1000; i++) {
                views.insertOne(new Document("_id", i).append("key", "k" + i).append("version", 0));
            }
            // rewritten documents leave old chunks behind: what compaction moves and frees
            for (int round = 1; round <= 3; round++) {
                for (int i = 0; i < 1000; i++) {
                    views.updateOne(new Document("_id", i), new Document("$set", new Document("version", round)));
                }
            }
        }

        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(settings);
             MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> views = client.getDatabase("planning").getCollection("views");

            assertThat(views.countDocuments()).isEqualTo(1000);
            assertThat(views.find().map(document -> document.getInteger("version")).into(new java.util.ArrayList<>()))
                    .hasSize(1000).containsOnly(3);
            assertThat(views.find(new Document("key", "k999")).first()).containsEntry("_id", 999);
            assertThatThrownBy(() -> views.insertOne(new Document("_id", 1000).append("key", "k7")))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        }
    }

    @Test
    void aStoreWrittenWithoutCompressionOpensWithItAndBack() {
        Path dataDirectory = tempDir.resolve("data");
        EmbeddedMongoSettings compressed = EmbeddedMongoSettings.h2(dataDirectory, 0);
        EmbeddedMongoSettings plain = compressed.withCompression(EmbeddedMongoSettings.Compression.NONE)
                                                .withCompactOnClose(java.time.Duration.ZERO);
        String text = "planned ".repeat(100);
        for (EmbeddedMongoSettings settings : List.of(plain, compressed, plain)) {
            try (EmbeddedMongoServer server = EmbeddedMongoServer.start(settings);
                 MongoClient client = MongoClients.create(server.connectionString())) {
                MongoCollection<Document> events = client.getDatabase("planning").getCollection("events");
                long before = events.countDocuments();
                for (long i = before; i < before + 200; i++) {
                    events.insertOne(new Document("_id", i).append("text", text));
                }
                assertThat(events.find().map(document -> document.getString("text")).into(new java.util.ArrayList<>()))
                        .hasSize((int) before + 200).containsOnly(text);
            }
        }
    }

    @Test
    void closeTwiceIsHarmless() {
        EmbeddedMongoServer server = EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(tempDir.resolve("data"), 0));
        server.close();
        server.close();
    }
}
