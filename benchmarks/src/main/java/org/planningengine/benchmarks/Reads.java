package org.planningengine.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * W3: the latency of the roadmap, capacity and OKR views of the first organisation's cycles, as they are now and as
 * of random instants of that organisation's life, through HTTP, one client. The first organisation is in every
 * log, so its views are the same size at every scale: only the log around them grows.
 */
final class Reads {

    private static final List<String> VIEWS = List.of("roadmap", "capacity", "okrs");

    private final Report report;
    private final int reads;

    Reads(Report report, int reads) {
        this.report = report;
        this.reads = reads;
    }

    void run(Engine engine, Datasets.Seed seed, long events) {
        List<Map.Entry<String, Instant>> cycles = new ArrayList<>(seed.cycleStarts().entrySet());
        for (String view : VIEWS) {
            for (boolean asOf : List.of(false, true)) {
                SplittableRandom random = new SplittableRandom(7);
                read(engine, view, asOf, cycles, seed.last(), random, new Latencies(), Math.max(1, reads / 5));
                Latencies latencies = new Latencies();
                engine.mongoCommands().reset();
                read(engine, view, asOf, cycles, seed.last(), random, latencies, reads);
                report.add(new Figure("W3", view + (asOf ? ", as-of" : ", current"), 1, events, latencies.count(),
                                      Double.NaN, latencies.p50Millis(), latencies.p99Millis(), Double.NaN,
                                      engine.mongoCommands().total() / (double) latencies.count(),
                                      "GET /api/cycles/{id}/" + view + (asOf ? "?asOf=<random instant>" : "")));
            }
        }
    }

    private static void read(Engine engine, String view, boolean asOf, List<Map.Entry<String, Instant>> cycles,
                             Instant last, SplittableRandom random, Latencies latencies, int count) {
        for (int i = 0; i < count; i++) {
            Map.Entry<String, Instant> cycle = cycles.get(random.nextInt(cycles.size()));
            String path = "/api/cycles/" + cycle.getKey() + "/" + view;
            if (asOf) {
                long span = Math.max(1, Duration.between(cycle.getValue(), last).toMillis());
                path += "?asOf=" + cycle.getValue().plusMillis(random.nextLong(span));
            }
            String request = path;
            latencies.time(() -> engine.get(request));
        }
    }
}
