package org.planningengine.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.RawBsonDocument;
import org.planningengine.standalone.embedded.EmbeddedMongoServer;
import org.planningengine.standalone.embedded.EmbeddedMongoSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * DISK: where the bytes of the durable default go, and how long a start on a full data folder takes. For each
 * setting of the levers (H2's compression, compaction on close): a log of N generated events written into a fresh
 * data folder, the engine started on it until its views have caught up (the first build) and stopped, the store
 * file measured, then the engine started again on that folder: the time until it answers (healthy, liveness UP)
 * and until readiness says UP. Bytes per collection are the documents' BSON bytes (what H2 stores before its own
 * compression and page overhead); the file's bytes are what the disk holds. Figures only: nothing is asserted.
 * <p>
 * Run: {@code -Dbenchmark.main=DiskAndStart -Dbenchmark.args="--events 20000 --levers NONE/0,HIGH/0,HIGH/30s"}.
 * With {@code --data-folder DIR} (one lever) the folder is kept: a folder that already holds a store is not written
 * or built again, only restarted, so starts can be measured again on one large folder.
 */
public final class DiskAndStart {

    private static final Map<String, String> DEFAULTS = Map.of(
            "events", "20000", "levers", "NONE/0s,FAST/0s,HIGH/0s,HIGH/30s", "seed-size", "0.05",
            "seed-semesters", "2", "data-folder", "");
    /** The engine's database when none is named. */
    private static final String DATABASE = "planning";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DiskAndStart() {
    }

    public static void main(String[] args) {
        Harness.main(args, DiskAndStart::run);
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> options = Harness.options(args, DEFAULTS);
        long events = Long.parseLong(options.get("events").replace("_", ""));
        List<String> rows = new ArrayList<>();
        Path kept = options.get("data-folder").isEmpty() ? null : Path.of(options.get("data-folder"));
        try (MongoTarget seedServer = MongoTarget.embeddedInMemory()) {
            Datasets datasets = new Datasets(seedServer, Double.parseDouble(options.get("seed-size")),
                                             Integer.parseInt(options.get("seed-semesters")));
            if (kept == null || !Files.exists(kept.resolve(EmbeddedMongoServer.STORE_FILE_NAME))) {
                datasets.seed();
            }
            for (String lever : options.get("levers").split(",")) {
                String[] parts = lever.trim().split("/");
                EmbeddedMongoSettings.Compression compression =
                        EmbeddedMongoSettings.Compression.valueOf(parts[0].toUpperCase(Locale.ROOT));
                Duration compaction = Duration.parse("PT" + parts[1].toUpperCase(Locale.ROOT));
                rows.add(measure(datasets, events, compression, compaction, kept));
            }
        }
        System.out.println();
        System.out.println("| compression | compact on close | events | file MB | file bytes/event | first build s "
                           + "| restart: healthy s | restart: readiness UP s |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        rows.forEach(System.out::println);
    }

    private static String measure(Datasets datasets, long events, EmbeddedMongoSettings.Compression compression,
                                  Duration compaction, Path kept) throws Exception {
        Path dataDir = kept != null ? Files.createDirectories(kept) : Files.createTempDirectory("disk-data");
        Path store = dataDir.resolve(EmbeddedMongoServer.STORE_FILE_NAME);
        boolean reused = Files.exists(store);
        try {
            String[] arguments = {"--planning.embedded-mongo.compression=" + compression,
                                  "--planning.embedded-mongo.compact-on-close=" + compaction.toMillis() + "ms"};
            long written;
            double firstBuild = Double.NaN;
            if (reused) {
                written = logSize(dataDir, compression, compaction);
                System.out.printf("%n%s, compact on close %s: reusing %s, %,d positions, file %,d bytes%n", compression,
                                  compaction, dataDir, written, Files.size(store));
            } else {
                try (EmbeddedMongoServer server = EmbeddedMongoServer.start(settings(dataDir, compression, compaction));
                     MongoTarget target = MongoTarget.at(server.connectionString())) {
                    written = datasets.fill(target, DATABASE, events);
                }
                System.out.printf("%n%s, compact on close %s: %,d events written, file %,d bytes%n", compression,
                                  compaction, written, Files.size(store));
                long start = System.nanoTime();
                try (Engine engine = Engine.durable(dataDir, arguments)) {
                    Replays.awaitCaughtUp(engine);
                    firstBuild = (System.nanoTime() - start) / 1e9;
                }
            }
            long fileBytes = Files.size(store);
            System.out.printf("first build (start to every view caught up): %.1f s; after a clean stop the file "
                              + "holds %,d bytes (%,.0f per event)%n", firstBuild, fileBytes,
                              fileBytes / (double) written);

            long start = System.nanoTime();
            double healthy;
            double ready;
            try (Engine engine = Engine.durable(dataDir, arguments)) {
                healthy = (System.nanoTime() - start) / 1e9;
                awaitReadiness(engine);
                ready = (System.nanoTime() - start) / 1e9;
                printCollections(engine.bean(EmbeddedMongoServer.class), written, fileBytes);
            }
            System.out.printf("restart on that folder: healthy after %.1f s, readiness UP after %.1f s%n",
                              healthy, ready);
            return "| %s | %s | %,d | %.1f | %,.0f | %.1f | %.1f | %.1f |".formatted(
                    compression, compaction.isZero() ? "no" : compaction.toSeconds() + " s", written,
                    fileBytes / 1e6, fileBytes / (double) written, firstBuild, healthy, ready);
        } finally {
            if (kept == null) {
                Folders.deleteTree(dataDir);
            }
        }
    }

    private static EmbeddedMongoSettings settings(Path dataDir, EmbeddedMongoSettings.Compression compression,
                                                  Duration compaction) {
        return EmbeddedMongoSettings.h2(dataDir, 0).withCompression(compression).withCompactOnClose(compaction);
    }

    /** The positions a kept folder's log has handed out (its events, and the few positions left empty). */
    private static long logSize(Path dataDir, EmbeddedMongoSettings.Compression compression, Duration compaction) {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.start(settings(dataDir, compression, compaction));
             MongoClient client = MongoClients.create(server.connectionString())) {
            org.bson.Document counter = client.getDatabase(DATABASE).getCollection("event_sequence")
                                              .find(new org.bson.Document("_id", "position")).first();
            return counter == null ? 0 : counter.get("allocated", Number.class).longValue();
        }
    }

    /** Per collection: documents and their BSON bytes per event of the log. */
    private static void printCollections(EmbeddedMongoServer server, long events, long fileBytes) {
        Map<String, long[]> collections = new TreeMap<>();
        try (MongoClient client = MongoClients.create(server.connectionString())) {
            for (String name : client.listDatabaseNames()) {
                if (name.equals("admin") || name.equals("local")) {
                    continue;
                }
                MongoDatabase database = client.getDatabase(name);
                for (String collection : database.listCollectionNames()) {
                    long[] sizes = collections.computeIfAbsent(name + "." + collection, key -> new long[2]);
                    for (RawBsonDocument document : database.getCollection(collection, RawBsonDocument.class).find()
                                                            .batchSize(1000)) {
                        sizes[0]++;
                        sizes[1] += document.getByteBuffer().remaining();
                    }
                }
            }
        }
        long total = collections.values().stream().mapToLong(sizes -> sizes[1]).sum();
        System.out.println("  collection                                documents   BSON bytes   bytes/event");
        collections.entrySet().stream()
                   .sorted(Comparator.comparingLong((Map.Entry<String, long[]> entry) -> entry.getValue()[1])
                                     .reversed())
                   .forEach(entry -> System.out.printf("  %-40s %,10d %,12d %,12.0f%n", entry.getKey(),
                                                       entry.getValue()[0], entry.getValue()[1],
                                                       entry.getValue()[1] / (double) events));
        System.out.printf("  %-40s %10s %,12d %,12.0f%n", "all documents", "", total, total / (double) events);
        System.out.printf("  %-40s %10s %,12d %,12.0f  (file / documents: %.2f)%n", "the store file", "", fileBytes,
                          fileBytes / (double) events, fileBytes / (double) total);
    }

    /** Polls the readiness probe (open to anyone) until it answers 200. */
    private static void awaitReadiness(Engine engine) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(engine.base() + "/actuator/health/readiness"))
                                         .timeout(Duration.ofSeconds(30)).build();
        long deadline = System.nanoTime() + Duration.ofHours(1).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not answering yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("readiness did not say UP within an hour");
    }
}
