package org.planningengine.standalone.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoNamespace;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Updates;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * Whether a command commits is seen on the store itself: background auto-commit is off, and before each command a
 * change is made to a map of its own, outside the server. A command that commits leaves nothing unsaved; one that
 * does not leaves that change pending.
 */
class DurableH2BackendTest {

    @TempDir
    Path tempDir;

    private MVStore store;
    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;

    @BeforeEach
    void startServer() {
        startOn(openStore());
        database.getCollection("events").insertOne(new Document("_id", 1L).append("keys", List.of("a:0")));
        database.getCollection("events").createIndex(Indexes.ascending("keys"), new IndexOptions().unique(true));
    }

    private void startOn(MVStore opened) {
        restartOn(new DurableH2Backend(opened));
    }

    @AfterEach
    void stopServer() {
        client.close();
        server.shutdownNow();
    }

    static Stream<Arguments> writes() {
        return Stream.of(
                write("insert", db -> db.getCollection("events").insertOne(new Document("_id", 2L))),
                write("update", db -> db.getCollection("events").updateOne(Filters.eq("_id", 1L), Updates.set("x", 1))),
                write("delete", db -> db.getCollection("events").deleteOne(Filters.eq("_id", 1L))),
                write("findAndModify", db -> db.getCollection("event_sequence").findOneAndUpdate(
                        Filters.eq("_id", "events"), Updates.inc("next", 1L),
                        new com.mongodb.client.model.FindOneAndUpdateOptions().upsert(true))),
                write("create", db -> db.createCollection("snapshots")),
                write("createIndexes", db -> db.getCollection("events").createIndex(
                        Indexes.ascending("last"), new IndexOptions().unique(true).sparse(true))),
                write("dropIndexes", db -> db.getCollection("events").dropIndex("keys_1")),
                write("drop", db -> db.getCollection("events").drop()),
                write("dropDatabase", MongoDatabase::drop),
                write("renameCollection", db -> db.getCollection("events")
                        .renameCollection(new MongoNamespace("planning", "events_renamed"))),
                write("aggregate with $out", db -> db.getCollection("events")
                        .aggregate(List.of(Aggregates.match(Filters.eq("_id", 1L)), Aggregates.out("events_copy")))
                        .toCollection()));
    }

    @ParameterizedTest
    @MethodSource
    void writes(Consumer<MongoDatabase> command) {
        MVMap<String, String> pending = pendingChange();

        command.accept(database);

        assertThat(store.hasUnsavedChanges()).as("committed").isFalse();
        assertThat(pending.get("pending")).isEqualTo("yes");
    }

    static Stream<Arguments> reads() {
        return Stream.of(
                read("find by _id", db -> db.getCollection("events").find(Filters.eq("_id", 1L)).first()),
                read("find by keys $in", db -> db.getCollection("events")
                        .find(Filters.in("keys", "a:0", "a:1")).into(new java.util.ArrayList<>())),
                read("count", db -> db.getCollection("events").countDocuments()),
                read("aggregate without $out", db -> db.getCollection("events")
                        .aggregate(List.of(Aggregates.match(Filters.exists("keys")))).first()),
                read("listCollections", db -> db.listCollectionNames().into(new java.util.ArrayList<>())),
                read("listIndexes", db -> db.getCollection("events").listIndexes().into(new java.util.ArrayList<>())),
                read("ping", db -> db.runCommand(new Document("ping", 1))));
    }

    @ParameterizedTest
    @MethodSource
    void reads(Consumer<MongoDatabase> command) {
        pendingChange();

        command.accept(database);

        assertThat(store.hasUnsavedChanges()).as("still pending, not committed").isTrue();
    }

    @Test
    void aBatchThatFailsHalfWayCommitsWhatItWrote() {
        pendingChange();

        assertThatThrownBy(() -> database.getCollection("events").insertMany(
                List.of(new Document("_id", 2L).append("keys", List.of("b:0")),
                        new Document("_id", 1L).append("keys", List.of("c:0")), // _id taken
                        new Document("_id", 3L).append("keys", List.of("d:0"))),
                new InsertManyOptions().ordered(false)))
                .isInstanceOf(MongoBulkWriteException.class);

        assertThat(store.hasUnsavedChanges()).isFalse();
        assertThat(database.getCollection("events").countDocuments()).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"insert", "INSERT", "update", "delete", "findAndModify", "findandmodify", "FINDANDMODIFY",
            "create", "createIndexes", "createindexes", "drop", "dropIndexes", "dropDatabase", "renameCollection",
            "renamecollection"})
    void writeCommandsAreRecognisedWhateverTheirCase(String command) {
        assertThat(DurableH2Backend.writes(command, new de.bwaldvogel.mongo.bson.Document(command, "events")))
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"find", "getMore", "count", "distinct", "aggregate", "listCollections", "listIndexes",
            "isMaster", "ismaster", "hello", "ping", "buildinfo", "killCursors", "endSessions", "dbstats", "collstats"})
    void readCommandsAreNot(String command) {
        assertThat(DurableH2Backend.writes(command, new de.bwaldvogel.mongo.bson.Document(command, "events")
                .append("pipeline", List.of(new de.bwaldvogel.mongo.bson.Document("$match",
                        new de.bwaldvogel.mongo.bson.Document())))))
                .isFalse();
    }

    @Test
    void writesThatFinishWhileACommitRunsShareTheNextAndAreAnsweredOnlyAfterIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger commits = new AtomicInteger();
        GroupedBackend backend = restartOn(new GroupedBackend(reopenedStore(), () -> {
            if (commits.incrementAndGet() == 1) {
                await(release);
            }
        }));
        ExecutorService writers = Executors.newFixedThreadPool(9);
        try {
            Future<?> first = writers.submit(() -> insert(100));
            awaitUntil(() -> commits.get() == 1);
            List<Future<?>> others = IntStream.range(0, 8).<Future<?>>mapToObj(i -> writers.submit(() -> insert(i)))
                                              .toList();
            awaitUntil(() -> backend.waitingForACommit() == 8);

            assertThat(others).noneMatch(Future::isDone);
            release.countDown();
            first.get(30, TimeUnit.SECONDS);
            for (Future<?> other : others) {
                other.get(30, TimeUnit.SECONDS);
            }
        } finally {
            release.countDown();
            writers.shutdownNow();
        }

        assertThat(commits.get()).as("the held commit and one for the eight").isEqualTo(2);
        assertThat(store.hasUnsavedChanges()).isFalse();
        assertThat(database.getCollection("decisions").countDocuments()).isEqualTo(9);
    }

    @Test
    void aCommitThatFailsFailsTheWriteThatStartedItAndTheNextWriteCommitsAgain() {
        AtomicInteger commits = new AtomicInteger();
        restartOn(new GroupedBackend(reopenedStore(), () -> {
            if (commits.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
            }
        }));

        assertThatThrownBy(() -> insert(1)).isInstanceOf(MongoException.class);
        insert(2);

        assertThat(commits.get()).isEqualTo(2);
        assertThat(store.hasUnsavedChanges()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(EmbeddedMongoSettings.Durability.class)
    void aWriteIsForcedToTheDiskByItsCommitOnlyWithFsync(EmbeddedMongoSettings.Durability durability) {
        AtomicInteger flushes = new AtomicInteger();
        restartOn(new DurableH2Backend(reopenedStore(), Duration.ZERO, durability) {
            @Override
            void forceToDisk() {
                flushes.incrementAndGet();
                super.forceToDisk();
            }
        });

        IntStream.range(0, 10).forEach(this::insert);

        assertThat(flushes.get()).isEqualTo(durability == EmbeddedMongoSettings.Durability.FSYNC ? 10 : 0);
    }

    /** Runs a stand-in before each commit it starts. */
    private static final class GroupedBackend extends DurableH2Backend {
        private final Runnable beforeCommit;

        GroupedBackend(MVStore store, Runnable beforeCommit) {
            super(store);
            this.beforeCommit = beforeCommit;
        }

        @Override
        void storeEverythingPending() {
            beforeCommit.run();
            super.storeEverythingPending();
        }
    }

    private MVStore reopenedStore() {
        stopServer();
        return openStore();
    }

    /** The test's store file, committed only when the backend commits it. */
    private MVStore openStore() {
        return new MVStore.Builder().fileName(tempDir.resolve("store.mv").toString()).autoCommitDisabled().open();
    }

    private <B extends DurableH2Backend> B restartOn(B backend) {
        store = backend.getMvStore();
        server = new MongoServer(backend);
        // more connection threads than Netty's default (two per core), so that many writes can wait at once
        server.bind(new InetSocketAddress("127.0.0.1", 0), 1, 16);
        client = MongoClients.create(server.getConnectionString());
        database = client.getDatabase("planning");
        return backend;
    }

    private void insert(int id) {
        database.getCollection("decisions").insertOne(new Document("_id", id));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void opensADatabaseWithoutReadingTheCollectionsOfItsSecondaryIndexes() {
        database.getCollection("decisions").createIndex(Indexes.ascending("cycleId"));
        database.getCollection("decisions").insertMany(IntStream.range(0, 2_000).mapToObj(
                i -> new Document("_id", i).append("cycleId", "c-" + i % 7).append("text", "x".repeat(1_000)))
                                                               .toList());
        long documentBytes = 2_000 * 1_000;
        stopServer();

        long plainRead = bytesReadOpening(H2Backend::new);
        long read = bytesReadOpening(DurableH2Backend::new);

        assertThat(plainRead).as("the plain backend builds the index from every document").isGreaterThan(documentBytes);
        assertThat(read).isLessThan(documentBytes / 10);
        startOn(new MVStore.Builder().fileName(tempDir.resolve("store.mv").toString()).open());
        assertThat(database.getCollection("decisions").listIndexes().map(index -> index.getString("name")))
                .contains("cycleId_1");
        assertThat(database.getCollection("decisions").countDocuments(Filters.eq("cycleId", "c-3"))).isEqualTo(286);
    }

    /** The bytes the store reads from its file while a backend opens it. */
    private long bytesReadOpening(Function<MVStore, H2Backend> backend) {
        MVStore opened = new MVStore.Builder().fileName(tempDir.resolve("store.mv").toString()).open();
        long before = opened.getFileStore().getReadBytes();
        backend.apply(opened).close();
        return opened.getFileStore().getReadBytes() - before;
    }

    /** A change outside the server, so a commit (or its absence) can be told apart. */
    private MVMap<String, String> pendingChange() {
        store.commit();
        MVMap<String, String> map = store.openMap("test-pending-change");
        map.put("pending", "yes");
        assertThat(store.hasUnsavedChanges()).isTrue();
        return map;
    }

    private static Arguments write(String name, Consumer<MongoDatabase> command) {
        return Arguments.of(Named.of(name, command));
    }

    private static Arguments read(String name, Consumer<MongoDatabase> command) {
        return Arguments.of(Named.of(name, command));
    }
}
