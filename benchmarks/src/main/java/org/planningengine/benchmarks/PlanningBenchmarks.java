package org.planningengine.benchmarks;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end-to-end workloads, W1 to W4, a burst and the feed, each next to the raw MongoDB driver doing the equivalent storage
 * work on the same server in the same run. BENCHMARKS.md has the command, what each workload does, the options and
 * the latest figures. Figures only: nothing is asserted.
 */
public final class PlanningBenchmarks {

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("workloads", "W1,W2,W3,W4,BURST,FEED"), Map.entry("clients", "1,4,16"), Map.entry("commands", "2000"),
            Map.entry("scales", "10000,100000,1000000"), Map.entry("reads", "200"), Map.entry("extension", "true"),
            Map.entry("extension-max-events", "100000"),
            Map.entry("seed-size", "0.05"), Map.entry("seed-semesters", "2"), Map.entry("import-rows", "5000"),
            Map.entry("burst-rate", "10000"), Map.entry("burst-seconds", "5"),
            Map.entry("embedded", "memory"));

    private PlanningBenchmarks() {
    }

    private static MongoTarget target(Map<String, String> options) {
        if (options.containsKey("mongo-uri")) {
            return MongoTarget.at(options.get("mongo-uri"));
        }
        return switch (options.get("embedded")) {
            case "memory" -> MongoTarget.embeddedInMemory();
            case "durable" -> MongoTarget.embeddedDurable();
            default -> throw new IllegalArgumentException("--embedded is memory or durable, not "
                                                          + options.get("embedded"));
        };
    }

    public static void main(String[] args) {
        Harness.main(args, PlanningBenchmarks::run);
    }

    private static void run(String[] args) throws Exception {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Map<String, String> options = new HashMap<>(DEFAULTS);
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 == args.length) {
                throw new IllegalArgumentException("expected --name value pairs, not " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        List<String> workloads = list(options.get("workloads")).stream()
                                                               .map(name -> name.toUpperCase(Locale.ROOT)).toList();
        boolean extension = Boolean.parseBoolean(options.get("extension"));
        try (MongoTarget mongo = target(options)) {
            Report report = new Report(mongo.describe(), Arrays.asList(args),
                                       options.containsKey("json") ? Path.of(options.get("json")) : null);
            System.out.println(Report.header());
            if (workloads.contains("W1")) {
                new Writes(mongo, report, Integer.parseInt(options.get("commands")))
                        .run(numbers(options.get("clients")).stream().map(Long::intValue).toList(), extension);
            }
            if (workloads.contains("W4")) {
                new BulkImport(mongo, report).run(Integer.parseInt(options.get("import-rows")));
            }
            if (workloads.contains("BURST")) {
                new Burst(mongo, report).run(Integer.parseInt(options.get("burst-rate")),
                                             Integer.parseInt(options.get("burst-seconds")));
            }
            if (workloads.contains("W2") || workloads.contains("W3") || workloads.contains("FEED")) {
                scales(mongo, report, workloads, numbers(options.get("scales")),
                       extension ? Long.parseLong(options.get("extension-max-events")) : -1,
                       new Datasets(mongo, Double.parseDouble(options.get("seed-size")),
                                    Integer.parseInt(options.get("seed-semesters"))),
                       Integer.parseInt(options.get("reads")));
            }
            report.print();
        }
    }

    /** W2, W3 and the feed on logs of each size: the views built once, read, the feed read, then the views rebuilt. */
    private static void scales(MongoTarget mongo, Report report, List<String> workloads, List<Long> scales,
                               long extensionMaxEvents, Datasets datasets, int reads) throws Exception {
        String database = "bench_scale";
        for (long scale : scales) {
            long events = datasets.fill(database, scale);
            try (Engine engine = Engine.start(Engine.Kind.STANDALONE, mongo.uri(database))) {
                double seconds = Replays.awaitCaughtUp(engine);
                report.add(new Figure("W2", "first build", 1, events, events, events / seconds, Double.NaN,
                                      Double.NaN, Double.NaN, Double.NaN,
                                      "events/s, engine started on a full log until every projection caught up "
                                      + "(includes start-up)"));
                if (workloads.contains("W3")) {
                    new Reads(report, reads).run(engine, datasets.seed(), events);
                }
                if (workloads.contains("FEED")) {
                    new Feeds(mongo, report).run(engine, database, events);
                }
                if (workloads.contains("W2")) {
                    Replays replays = new Replays(mongo, report);
                    double raw = replays.replay(engine, database, events);
                    if (scale <= extensionMaxEvents) { // the scale asked for: a log holds a few events more
                        replays.sideBySide(engine, events, raw);
                    }
                }
            }
            mongo.fresh(database);
        }
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(part -> !part.isEmpty()).toList();
    }

    private static List<Long> numbers(String value) {
        return list(value).stream().map(part -> Long.parseLong(part.replace("_", ""))).toList();
    }
}
