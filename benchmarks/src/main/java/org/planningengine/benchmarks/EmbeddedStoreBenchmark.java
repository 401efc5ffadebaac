package org.planningengine.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.planningengine.standalone.embedded.EmbeddedMongoServer;
import org.planningengine.standalone.embedded.EmbeddedMongoSettings;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run it with one command from the repository root (prints a line per run, then the whole table):
 * <pre>
 *   ./mvnw -q -pl benchmarks -am -Prun-benchmark process-classes -Dbenchmark.args="100000 1000000"
 * </pre>
 * Arguments: document counts (default 100000 1000000); {@code --backends=memory,h2,durable,fsync} to pick backends;
 * {@code --dir=PATH} for the store files (default: a new folder under java.io.tmpdir, deleted afterwards);
 * {@code --lookups=N} timed lookups per kind (default 1000); {@code --writers=N} concurrent appenders (default 4).
 * Heap: {@code -Dbenchmark.xmx=16g} (the default).
 * A quick run: {@code -Dbenchmark.args="20000 --lookups=200"}. Figures only: nothing here is asserted anywhere.
 * <p>
 * How the embedded MongoDB server (mongo-java-server) copes with an event log of 100,000 and 1,000,000 commits,
 * per backend: memory, plain H2 file (commits about once a second) and durable H2 file (commits after every write).
 * <p>
 * Measures the append path (N writers, each append = {@code findOneAndUpdate $inc} on the position counter, then a
 * single-document insert), the two read paths the event store uses ({@code _id $in} for tracking, {@code keys $in}
 * for loading an aggregate), a full scan for comparison and, for the files, size and reopen time.
 */
public final class EmbeddedStoreBenchmark {

    private static final String DATABASE = "planning";
    private static final int TRACKING_BATCH = 100;
    private static final int AGGREGATE_KEYS = 20;
    /** Events per aggregate; its events are spread over the log, one every (count / this) positions. */
    private static final int EVENTS_PER_AGGREGATE = 50;
    private static final int WARM_UP_LOOKUPS = 100;
    private static final int SCANS = 3;


    enum Kind { MEMORY, H2, DURABLE, FSYNC }

    record Result(Kind kind, long documents, double insertsPerSecond, double idMedianMs, double idP99Ms,
                  double keysMedianMs, double keysP99Ms, double scanMs, long lookupMisses,
                  long fileBytesAfterLoad, long fileBytesAfterClose, double closeMs, double reopenMs,
                  long heapUsedMiB) {
    }

    private EmbeddedStoreBenchmark() {
    }

    public static void main(String[] args) {
        Harness.main(args, EmbeddedStoreBenchmark::benchmark);
    }

    private static void benchmark(String[] args) throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        List<Long> sizes = new ArrayList<>();
        List<Kind> kinds = List.of(Kind.MEMORY, Kind.H2, Kind.DURABLE);
        Path baseDirectory = null;
        int lookups = 1000;
        int writers = 4;
        for (String arg : args) {
            if (arg.startsWith("--backends=")) {
                kinds = Arrays.stream(arg.substring("--backends=".length()).split(","))
                        .map(name -> Kind.valueOf(name.trim().toUpperCase(Locale.ROOT))).toList();
            } else if (arg.startsWith("--dir=")) {
                baseDirectory = Path.of(arg.substring("--dir=".length()));
            } else if (arg.startsWith("--writers=")) {
                writers = Integer.parseInt(arg.substring("--writers=".length()));
            } else if (arg.startsWith("--lookups=")) {
                lookups = Integer.parseInt(arg.substring("--lookups=".length()));
            } else if (!arg.isBlank()) {
                sizes.add(Long.parseLong(arg.replace("_", "")));
            }
        }
        if (sizes.isEmpty()) {
            sizes = List.of(100_000L, 1_000_000L);
        }
        boolean deleteAfterwards = baseDirectory == null;
        if (baseDirectory == null) {
            baseDirectory = Files.createTempDirectory("embedded-store-benchmark-");
        }
        System.out.printf("embedded store benchmark: sizes %s, backends %s, %d lookups per kind, max heap %d MiB, "
                        + "%d cores, %d writers, files in %s%n", sizes, kinds, lookups,
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors(), writers,
                baseDirectory);

        List<Result> results = new ArrayList<>();
        for (long size : sizes) {
            for (Kind kind : kinds) {
                Path dataDirectory = baseDirectory.resolve(kind.name().toLowerCase(Locale.ROOT) + "-" + size);
                Result result = run(kind, size, dataDirectory, lookups, writers);
                results.add(result);
                System.out.println(format(result));
                if (deleteAfterwards) {
                    Folders.deleteTree(dataDirectory);
                }
            }
        }
        System.out.println();
        System.out.println(header());
        results.forEach(result -> System.out.println(format(result)));
        if (deleteAfterwards) {
            Folders.deleteTree(baseDirectory);
        }
    }

    private static Result run(Kind kind, long count, Path dataDirectory, int lookups, int writers)
            throws Exception {
        System.gc();
        Server server = Server.start(kind, dataDirectory);
        double insertsPerSecond;
        Latencies idLookups;
        Latencies keysLookups;
        double scanMs;
        long misses;
        long fileAfterLoad = -1;
        long heapUsedMiB;
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            MongoDatabase database = client.getDatabase(DATABASE);
            MongoCollection<Document> events = database.getCollection("events");
            events.createIndex(Indexes.ascending("keys"), new IndexOptions().unique(true));
            insertsPerSecond = load(database, count, writers);
            System.out.printf("  %s %,d: loaded, %.0f inserts/s%n", kind, count, insertsPerSecond);
            if (server.storeFile() != null) {
                fileAfterLoad = Files.size(server.storeFile());
            }
            Random random = new Random(42);
            AtomicLong missCounter = new AtomicLong();
            timeIdLookups(events, count, WARM_UP_LOOKUPS, random, missCounter);
            idLookups = timeIdLookups(events, count, lookups, random, missCounter);
            timeKeysLookups(events, count, WARM_UP_LOOKUPS, random, missCounter);
            keysLookups = timeKeysLookups(events, count, lookups, random, missCounter);
            misses = missCounter.get();
            System.out.printf(Locale.ROOT, "  %s %,d: _id $in %.2f / %.2f ms, keys $in %.2f / %.2f ms (median / p99)%n",
                    kind, count, idLookups.p50Millis(), idLookups.p99Millis(), keysLookups.p50Millis(), keysLookups.p99Millis());
            scanMs = timeScans(events, count);
            System.gc();
            heapUsedMiB = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
        }

        long fileAfterClose = -1;
        double closeMs = Double.NaN;
        double reopenMs = Double.NaN;
        long closeStart = System.nanoTime();
        server.close();
        if (kind != Kind.MEMORY) {
            closeMs = millisSince(closeStart);
            fileAfterClose = Files.size(server.storeFile());
            long reopenStart = System.nanoTime();
            Server reopened = Server.start(kind, dataDirectory);
            try (MongoClient client = MongoClients.create(reopened.connectionString())) {
                Document first = client.getDatabase(DATABASE).getCollection("events")
                        .find(Filters.in("_id", List.of(count / 2))).first();
                reopenMs = millisSince(reopenStart);
                if (first == null) {
                    System.out.println("  WARNING: position " + count / 2 + " missing after reopen");
                }
            } finally {
                reopened.close();
            }
        }
        return new Result(kind, count, insertsPerSecond, idLookups.p50Millis(), idLookups.p99Millis(),
                keysLookups.p50Millis(), keysLookups.p99Millis(), scanMs, misses, fileAfterLoad, fileAfterClose, closeMs, reopenMs, heapUsedMiB);
    }

    /** Concurrent writers; each append allocates its position like the event store does, then inserts one commit. */
    private static double load(MongoDatabase database, long count, int writers) throws Exception {
        MongoCollection<Document> sequence = database.getCollection("event_sequence");
        MongoCollection<Document> events = database.getCollection("events");
        long aggregates = Math.max(1, count / EVENTS_PER_AGGREGATE);
        AtomicLong remaining = new AtomicLong(count);
        // BEFORE, and add one here: mongo-java-server answers AFTER with the live stored document, encoded after
        // the collection lock is released, so concurrent writers can be handed the same position.
        FindOneAndUpdateOptions allocate = new FindOneAndUpdateOptions().upsert(true)
                .returnDocument(ReturnDocument.BEFORE);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long start = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                done.add(pool.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        Document before = sequence.findOneAndUpdate(Filters.eq("_id", "events"),
                                Updates.inc("next", 1L), allocate);
                        long position = (before == null ? 0 : before.getLong("next")) + 1;
                        events.insertOne(SyntheticCommits.commit(position, aggregates));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return count / (millisSince(start) / 1000.0);
    }

    /** Tracking: 100 consecutive positions from a random place. */
    private static Latencies timeIdLookups(MongoCollection<Document> events, long count, int lookups, Random random,
                                          AtomicLong misses) {
        Latencies latencies = new Latencies();
        for (int i = 0; i < lookups; i++) {
            long from = 1 + (long) (random.nextDouble() * Math.max(1, count - TRACKING_BATCH));
            List<Long> positions = new ArrayList<>(TRACKING_BATCH);
            for (long p = from; p < from + TRACKING_BATCH && p <= count; p++) {
                positions.add(p);
            }
            long start = System.nanoTime();
            List<Document> found = events.find(Filters.in("_id", positions)).into(new ArrayList<>());
            latencies.add(System.nanoTime() - start);
            if (found.size() != positions.size()) {
                misses.incrementAndGet();
            }
        }
        return latencies;
    }

    /** Aggregate load: 20 consecutive events of one aggregate. */
    private static Latencies timeKeysLookups(MongoCollection<Document> events, long count, int lookups,
                                            Random random, AtomicLong misses) {
        long aggregates = Math.max(1, count / EVENTS_PER_AGGREGATE);
        long eventsPerAggregate = count / aggregates;
        Latencies latencies = new Latencies();
        for (int i = 0; i < lookups; i++) {
            String aggregateId = SyntheticCommits.aggregateId((long) (random.nextDouble() * aggregates));
            long fromSeq = (long) (random.nextDouble() * Math.max(1, eventsPerAggregate - AGGREGATE_KEYS));
            List<String> keys = new ArrayList<>(AGGREGATE_KEYS);
            for (long seq = fromSeq; seq < fromSeq + AGGREGATE_KEYS; seq++) {
                keys.add(aggregateId + ":" + seq);
            }
            long start = System.nanoTime();
            List<Document> found = events.find(Filters.in("keys", keys)).into(new ArrayList<>());
            latencies.add(System.nanoTime() - start);
            if (found.size() != keys.size()) {
                misses.incrementAndGet();
            }
        }
        return latencies;
    }

    /** A count on a field no index covers: the server reads every document. Median of a few runs. */
    private static double timeScans(MongoCollection<Document> events, long count) {
        Latencies scans = new Latencies();
        for (int i = 0; i < SCANS; i++) {
            long start = System.nanoTime();
            long matched;
            try {
                matched = events.countDocuments(Filters.eq("events.aggregateType", "Initiative"));
            } catch (MongoException e) {
                // reported, not fatal: the plain H2 backend can lose chunks under a long read
                System.out.printf("  SCAN FAILED after %.0f ms: %s%n", millisSince(start), e.getMessage());
                return Double.NaN;
            }
            scans.add(System.nanoTime() - start);
            if (matched != count) {
                System.out.printf("  WARNING: scan counted %d of %d%n", matched, count);
            }
        }
        return scans.p50Millis();
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }


    private static String header() {
        return String.format("%-8s %10s %10s %9s %9s %9s %9s %10s %6s %10s %10s %9s %9s %8s",
                "backend", "documents", "inserts/s", "_id med", "_id p99", "keys med", "keys p99", "scan ms",
                "misses", "file MiB", "closed MiB", "close ms", "reopen ms", "heap MiB");
    }

    private static String format(Result r) {
        return String.format(Locale.ROOT, "%-8s %,10d %,10.0f %9.2f %9.2f %9.2f %9.2f %,10.0f %6d %10s %10s %9s %9s %,8d",
                r.kind(), r.documents(), r.insertsPerSecond(), r.idMedianMs(), r.idP99Ms(), r.keysMedianMs(),
                r.keysP99Ms(), r.scanMs(), r.lookupMisses(), mib(r.fileBytesAfterLoad()), mib(r.fileBytesAfterClose()),
                Double.isNaN(r.closeMs()) ? "-" : String.format(Locale.ROOT, "%,.0f", r.closeMs()),
                Double.isNaN(r.reopenMs()) ? "-" : String.format(Locale.ROOT, "%,.0f", r.reopenMs()),
                r.heapUsedMiB());
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%,.1f", bytes / 1048576.0);
    }

    /** The ways to run the server; the plain H2 one is built here, the standalone offers only the durable ones. */
    private record Server(AutoCloseable handle, String connectionString, Path storeFile) {

        static Server start(Kind kind, Path dataDirectory) {
            return switch (kind) {
                case MEMORY -> of(EmbeddedMongoServer.start(EmbeddedMongoSettings.memory(0)), null);
                case DURABLE, FSYNC -> of(EmbeddedMongoServer.start(EmbeddedMongoSettings.h2(dataDirectory, 0)
                                .withDurability(kind == Kind.FSYNC ? EmbeddedMongoSettings.Durability.FSYNC
                                                                   : EmbeddedMongoSettings.DEFAULT_DURABILITY)),
                        dataDirectory.resolve(EmbeddedMongoServer.STORE_FILE_NAME));
                case H2 -> plainH2(dataDirectory);
            };
        }

        private static Server of(EmbeddedMongoServer server, Path storeFile) {
            return new Server(server, server.connectionString(), storeFile);
        }

        private static Server plainH2(Path dataDirectory) {
            try {
                Files.createDirectories(dataDirectory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path file = dataDirectory.resolve(EmbeddedMongoServer.STORE_FILE_NAME);
            MongoServer server = new MongoServer(new H2Backend(new MVStore.Builder().fileName(file.toString()).open()));
            server.bind("127.0.0.1", 0);
            return new Server(server::shutdownNow, "mongodb://127.0.0.1:" + server.getLocalAddress().getPort(), file);
        }

        void close() throws Exception {
            handle.close();
        }
    }
}
