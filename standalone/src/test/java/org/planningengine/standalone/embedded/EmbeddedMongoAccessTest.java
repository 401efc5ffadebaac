package org.planningengine.standalone.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.Document;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * The embedded server serves only the process that started it: a client without this start's credentials (another
 * local process, which can find the port) reads nothing and writes nothing; the data folder is the owner's alone.
 */
class EmbeddedMongoAccessTest {

    private static final int UNAUTHORIZED = 13;
    private static final int AUTHENTICATION_FAILED = 18;

    @TempDir
    Path tempDir;

    private Path dataDirectory;
    private EmbeddedMongoServer server;
    private MongoClient engine;
    private MongoCollection<Document> users;

    @BeforeEach
    void start() {
        dataDirectory = tempDir.resolve("data");
        server = EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(dataDirectory, 0));
        engine = MongoClients.create(server.connectionString());
        users = engine.getDatabase("planning").getCollection("users");
        users.insertOne(new Document("_id", "ada").append("hash", "{bcrypt}secret"));
    }

    @AfterEach
    void stop() {
        engine.close();
        server.close();
    }

    @Test
    void aClientWithoutTheCredentialsReadsNothingAndWritesNothing() {
        try (MongoClient stranger = MongoClients.create(quick(server.anonymousConnectionString()))) {
            MongoCollection<Document> theirView = stranger.getDatabase("planning").getCollection("users");

            assertRefused(() -> theirView.find().first());
            assertRefused(theirView::countDocuments);
            assertRefused(() -> stranger.getDatabase("planning").listCollectionNames().first());
            assertRefused(() -> stranger.listDatabaseNames().first());
            assertRefused(() -> theirView.insertOne(new Document("_id", "mallory").append("hash", "x")));
            assertRefused(() -> theirView.updateOne(Filters.eq("_id", "ada"), Updates.set("hash", "x")));
            assertRefused(() -> theirView.deleteMany(new Document()));
            assertRefused(() -> stranger.getDatabase("planning").drop());
            assertRefused(() -> stranger.getDatabase("admin").runCommand(new Document("serverStatus", 1)));
        }
        assertThat(users.find().into(new java.util.ArrayList<>()))
                .containsExactly(new Document("_id", "ada").append("hash", "{bcrypt}secret"));
        assertThat(engine.getDatabase("planning").listCollectionNames().into(new java.util.ArrayList<>()))
                .containsExactly("users");
    }

    @Test
    void aWrongPasswordDoesNotAuthenticate() {
        String wrong = server.connectionString().replaceFirst(":[^:@/]+@", ":not-the-password@");
        try (MongoClient guesser = MongoClients.create(quick(wrong))) {
            assertThatThrownBy(() -> guesser.getDatabase("planning").getCollection("users").find().first())
                    .isInstanceOfAny(MongoSecurityException.class, MongoTimeoutException.class)
                    .satisfies(e -> assertThat(causes(e)).anySatisfy(cause -> assertThat(cause)
                            .isInstanceOf(MongoCommandException.class)
                            .extracting(c -> ((MongoCommandException) c).getErrorCode())
                            .isEqualTo(AUTHENTICATION_FAILED)));
        }
    }

    @Test
    void theCredentialsOfAnEarlierStartAreWorthNothing() {
        String earlier = server.connectionString();
        engine.close();
        server.close();
        server = EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(dataDirectory, 0));
        engine = MongoClients.create(server.connectionString());
        String replayed = earlier.replaceFirst("127\\.0\\.0\\.1:\\d+", "127.0.0.1:" + server.port());

        assertThat(replayed).isNotEqualTo(server.connectionString());
        try (MongoClient stale = MongoClients.create(quick(replayed))) {
            assertThatThrownBy(() -> stale.getDatabase("planning").getCollection("users").find().first())
                    .isInstanceOfAny(MongoSecurityException.class, MongoTimeoutException.class);
        }
        assertThat(engine.getDatabase("planning").getCollection("users").countDocuments()).isEqualTo(1);
    }

    /** The legacy OP_QUERY paths do not go through the command handler the driver uses: a raw socket tries them. */
    @Test
    void aRawLegacyQueryGetsNoDocuments() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(30));

            BsonDocument find = legacyQuery(socket, "planning.users", new BsonDocument());
            BsonDocument status = legacyQuery(socket, "admin.$cmd", new BsonDocument("serverStatus", new BsonInt32(1)));
            BsonDocument command = legacyQuery(socket, "planning.$cmd",
                                               new BsonDocument("find", new BsonString("users")));

            for (BsonDocument reply : List.of(find, status, command)) {
                assertThat(reply.toJson()).doesNotContain("ada").doesNotContain("bcrypt");
                assertThat(reply.getNumber("code").intValue()).isEqualTo(UNAUTHORIZED);
            }
        }
    }

    @Test
    void theDataFolderAndTheStoreAreTheOwnersAlone() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDirectory)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dataDirectory.resolve(EmbeddedMongoServer.STORE_FILE_NAME))))
                .isEqualTo("rw-------");
    }

    @Test
    void aFolderAndAStoreOpenToOthersAreClosedAtStart() throws IOException {
        engine.close();
        server.close();
        Files.setPosixFilePermissions(dataDirectory, PosixFilePermissions.fromString("rwxrwxr-x"));
        Path store = dataDirectory.resolve(EmbeddedMongoServer.STORE_FILE_NAME);
        Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-rw-r--"));

        server = EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(dataDirectory, 0));
        engine = MongoClients.create(server.connectionString());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDirectory)))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store))).isEqualTo("rw-------");
        assertThat(engine.getDatabase("planning").getCollection("users").countDocuments()).isEqualTo(1);
    }

    private static void assertRefused(Runnable operation) {
        assertThatThrownBy(operation::run)
                .isInstanceOf(MongoCommandException.class)
                .extracting(e -> ((MongoCommandException) e).getErrorCode())
                .isEqualTo(UNAUTHORIZED);
    }

    /** A client that gives up at once, so a refused authentication is not waited on for the default 30 s. */
    private static MongoClientSettings quick(String uri) {
        return MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
                .build();
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> causes = new java.util.ArrayList<>();
        for (Throwable cause = e; cause != null && !causes.contains(cause); cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }

    /** Sends an OP_QUERY (opcode 2004) and answers the first document of its OP_REPLY. */
    private static BsonDocument legacyQuery(Socket socket, String namespace, BsonDocument query) throws IOException {
        BasicOutputBuffer body = new BasicOutputBuffer();
        body.writeInt32(0); // flags
        body.writeCString(namespace);
        body.writeInt32(0); // numberToSkip
        body.writeInt32(-1); // numberToReturn
        new BsonDocumentCodec().encode(new BsonBinaryWriter(body), query, EncoderContext.builder().build());
        byte[] payload = body.toByteArray();
        ByteBuffer message = ByteBuffer.allocate(16 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        message.putInt(16 + payload.length).putInt(1).putInt(0).putInt(2004).put(payload);
        OutputStream out = socket.getOutputStream();
        out.write(message.array());
        out.flush();

        DataInputStream in = new DataInputStream(socket.getInputStream());
        byte[] lengthBytes = in.readNBytes(4);
        int length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] rest = in.readNBytes(length - 4);
        ByteBuffer reply = ByteBuffer.wrap(rest).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(reply.getInt(8)).as("opcode OP_REPLY").isEqualTo(1);
        int numberReturned = reply.getInt(12 + 4 + 8 + 4);
        assertThat(numberReturned).as("documents returned: only the error").isEqualTo(1);
        ByteBuffer documents = ByteBuffer.wrap(rest, 12 + 20, rest.length - 32).slice().order(ByteOrder.LITTLE_ENDIAN);
        return new BsonDocumentCodec().decode(new BsonBinaryReader(documents), DecoderContext.builder().build());
    }

}
