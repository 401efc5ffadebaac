package org.planningengine.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.management.UnixOperatingSystemMXBean;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The soak: the standalone application on its durable default (the embedded server keeping its data in a folder),
 * clients sending a mix of planning writes and reads for half an hour, and per minute the latencies of each, the
 * errors, the heap after a full collection, the data folder's size and the open file handles. A leak or a slow
 * degradation shows as a column that keeps growing. Figures only: nothing is asserted.
 * <p>
 * The engine runs in the harness's JVM, so the heap and the file handles are the engine's plus the harness's few.
 * The full collection at each minute's end is the harness's ({@code System.gc()}): it pauses the clients briefly.
 */
public final class Soak {

    private static final Map<String, String> DEFAULTS = Map.of("minutes", "30", "clients", "8");
    private static final String CYCLE = "soak";
    /** Each client proposes up to this many initiatives, then keeps re-scoring and re-allocating them. */
    private static final int INITIATIVES_PER_CLIENT = 100;

    private final Engine engine;
    private final Path dataDir;
    private final AtomicReference<Minute> minute = new AtomicReference<>(new Minute());
    private final Map<String, AtomicLong> errorKinds = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> rows = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();

    /** What the clients did in one minute. */
    private static final class Minute {
        final Latencies writes = new Latencies();
        final Latencies reads = new Latencies();
        final AtomicLong errors = new AtomicLong();
    }

    private Soak(Engine engine, Path dataDir) {
        this.engine = engine;
        this.dataDir = dataDir;
    }

    public static void main(String[] args) {
        Harness.main(args, Soak::run);
    }

    private static void run(String[] args) throws Exception {
        Map<String, String> options = Harness.options(args, DEFAULTS);
        int minutes = Integer.parseInt(options.get("minutes"));
        int clients = Integer.parseInt(options.get("clients"));
        Path dataDir = Files.createTempDirectory("soak-data");
        try (Engine engine = Engine.durable(dataDir)) {
            Soak soak = new Soak(engine, dataDir);
            soak.organise(clients);
            soak.load(clients, minutes);
            soak.print(options);
            if (options.containsKey("json")) {
                soak.write(Path.of(options.get("json")), options);
            }
        } finally {
            Folders.deleteTree(dataDir);
        }
    }

    /** A cycle around today, and per client a team with capacity and an objective with a key result. */
    private void organise(int clients) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        engine.send("POST", "/api/cycles", """
                {"id": "%s", "name": "Soak", "startDate": "%s", "endDate": "%s"}"""
                .formatted(CYCLE, today.minusDays(30), today.plusDays(150)));
        for (int c = 0; c < clients; c++) {
            engine.send("POST", "/api/teams", """
                    {"id": "soak-team-%d", "name": "Soak team %d"}""".formatted(c, c));
            engine.send("PUT", "/api/cycles/%s/teams/soak-team-%d/capacity".formatted(CYCLE, c), """
                    {"personWeeks": 1000}""");
            engine.send("POST", "/api/objectives", """
                    {"id": "soak-objective-%d", "cycleId": "%s", "ownerTeamId": "soak-team-%d", "title": "Objective %d"}"""
                    .formatted(c, CYCLE, c, c));
            engine.send("POST", "/api/objectives/soak-objective-%d/key-results".formatted(c), """
                    {"id": "kr", "title": "Adoption", "metric": "adopters", "unit": "percent", "baseline": 0, "target": 100}""");
        }
    }

    /** The clients send their mix until the time is up; every minute's figures are taken as it ends. */
    private void load(int clients, int minutes) throws InterruptedException {
        Instant end = Instant.now().plus(Duration.ofMinutes(minutes));
        Thread sampler = new Thread(() -> {
            Instant start = Instant.now();
            for (int m = 1; m <= minutes; m++) {
                try {
                    Thread.sleep(Math.max(0, Duration.between(Instant.now(), start.plus(Duration.ofMinutes(m)))
                                                     .toMillis()));
                } catch (InterruptedException e) {
                    return;
                }
                sample(m, minute.getAndSet(new Minute()));
            }
        }, "soak-sampler");
        sampler.setDaemon(true);
        sampler.start();
        Clients.run(clients, client -> mix(client, end));
        sampler.join();
    }

    /** One client: writes and reads in the proportions of a planning week, as the administrator. */
    private void mix(int client, Instant end) {
        SplittableRandom random = new SplittableRandom(client);
        String team = "soak-team-" + client;
        List<String> mine = new ArrayList<>();
        Map<String, String> proposedAt = new HashMap<>(); // an initiative's consistency token, to read it back
        while (Instant.now().isBefore(end)) {
            double roll = random.nextDouble();
            if (mine.isEmpty() || roll < 0.10 && mine.size() < INITIATIVES_PER_CLIENT) {
                String id = "soak-%d-%d".formatted(client, mine.size());
                String answer = write("POST", "/api/initiatives", """
                        {"id": "%s", "cycleId": "%s", "teamId": "%s", "title": "Initiative %s", "category": "NEW_INITIATIVE"}"""
                        .formatted(id, CYCLE, team, id));
                if (answer != null) {
                    mine.add(id);
                    proposedAt.put(id, token(answer));
                }
            } else if (roll < 0.35) {
                write("POST", "/api/initiatives/%s/score".formatted(pick(mine, random)), """
                        {"reach": %d, "impact": 2, "confidence": 0.8, "effort": %d, "reason": "estimate revisited"}"""
                        .formatted(100 + random.nextInt(5000), 1 + random.nextInt(20)));
            } else if (roll < 0.45) { // at most 4 person-weeks each: within the new-initiative bucket of 500
                write("POST", "/api/cycles/%s/teams/%s/allocations".formatted(CYCLE, team), """
                        {"initiativeId": "%s", "personWeeks": %d}""".formatted(pick(mine, random),
                                                                                 1 + random.nextInt(4)));
            } else if (roll < 0.55) {
                write("POST", "/api/objectives/soak-objective-%d/key-results/kr/check-ins".formatted(client), """
                        {"value": %d, "confidence": 0.7, "comment": "weekly check-in"}""".formatted(random.nextInt(100)));
            } else if (roll < 0.70) {
                read("/api/cycles/" + CYCLE + "/roadmap");
            } else if (roll < 0.80) {
                read("/api/cycles/" + CYCLE + "/capacity");
            } else if (roll < 0.90) {
                read("/api/cycles/" + CYCLE + "/okrs");
            } else if (roll < 0.95) { // consistent with its proposal: a client reads what it wrote
                String id = pick(mine, random);
                read("/api/initiatives/" + id + "?consistentWith=" + proposedAt.get(id));
            } else {
                read("/api/decisions?cycle=" + CYCLE + "&size=50");
            }
        }
    }

    private static String pick(List<String> ids, SplittableRandom random) {
        return ids.get(random.nextInt(ids.size()));
    }

    private String token(String answer) {
        try {
            return json.readTree(answer).path("consistencyToken").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers the write's answer, or null when it failed. */
    private String write(String method, String path, String body) {
        Minute now = minute.get();
        return send(now, now.writes, () -> engine.send(method, path, body));
    }

    private void read(String path) {
        Minute now = minute.get();
        send(now, now.reads, () -> engine.get(path));
    }

    /** An answer other than 2xx (or none) counts as an error, by its first words; the client goes on. */
    private String send(Minute now, Latencies latencies, Supplier<String> request) {
        long start = System.nanoTime();
        try {
            String answer = request.get();
            latencies.add(System.nanoTime() - start);
            return answer;
        } catch (IllegalStateException failed) {
            now.errors.incrementAndGet();
            String message = String.valueOf(failed.getMessage());
            errorKinds.computeIfAbsent(message.substring(0, Math.min(120, message.length())),
                                       kind -> new AtomicLong()).incrementAndGet();
            return null;
        }
    }

    /** The minute's figures, after a full collection so the heap is what is still reachable. */
    private void sample(int number, Minute ended) {
        System.gc();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("minute", number);
        row.put("writes", ended.writes.count());
        row.put("writeP50Millis", round(ended.writes.p50Millis()));
        row.put("writeP99Millis", round(ended.writes.p99Millis()));
        row.put("reads", ended.reads.count());
        row.put("readP50Millis", round(ended.reads.p50Millis()));
        row.put("readP99Millis", round(ended.reads.p99Millis()));
        row.put("errors", ended.errors.get());
        row.put("heapAfterGcMiB", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20);
        row.put("dataMiB", round(folderBytes(dataDir) / 1048576.0));
        row.put("openFiles", ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                             ? unix.getOpenFileDescriptorCount() : -1);
        row.put("events", logHead());
        synchronized (rows) {
            rows.add(row);
        }
        System.out.println(row);
    }

    /** The log's head position, as the engine's status tells it. */
    private long logHead() {
        try {
            return json.readTree(engine.get("/api/admin/projections/status")).path("head").asLong(-1);
        } catch (IOException | IllegalStateException e) {
            return -1;
        }
    }

    private void print(Map<String, String> options) {
        System.out.println();
        System.out.println("Soak " + options + ", data folder on the durable default (H2), "
                           + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                           + (Runtime.getRuntime().maxMemory() >> 20) + " MiB, "
                           + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        System.out.println();
        System.out.println("| minute | writes | write p50 ms | write p99 ms | reads | read p50 ms | read p99 ms | errors "
                           + "| heap after GC MiB | data MiB | open files | log head |");
        System.out.println("|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
        for (Map<String, Object> row : rows) {
            System.out.println("| " + String.join(" | ", row.values().stream().map(String::valueOf).toList()) + " |");
        }
        if (!errorKinds.isEmpty()) {
            System.out.println();
            System.out.println("Errors by kind:");
            errorKinds.forEach((kind, count) -> System.out.println("  " + count + " × " + kind));
        }
    }

    private void write(Path file, Map<String, String> options) throws IOException {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("date", Instant.now().toString());
        content.put("options", options);
        content.put("cores", Runtime.getRuntime().availableProcessors());
        content.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
        content.put("minutes", rows);
        content.put("errorsByKind", errorKinds);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        json.enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), content);
    }

    private static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 100) / 100.0 : -1;
    }

    private static long folderBytes(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException gone) { // a file replaced while walking
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
