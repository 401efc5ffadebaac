package org.planningengine.workload;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Generates an organisation's semesters into a running engine:
 * {@code java -cp workload.jar org.planningengine.workload.GenerateWorkload --url http://localhost:8080
 * --user admin --password … [--seed 42] [--size 1] [--semesters 4] [--prefix gen]}.
 */
public final class GenerateWorkload {

    private GenerateWorkload() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new HashMap<>(Map.of("url", "http://localhost:8080", "user", "admin",
                                                            "seed", "42", "size", "1", "semesters", "4",
                                                            "prefix", "gen"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, not " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        if (!options.containsKey("password")) {
            throw new IllegalArgumentException("--password is required (the user's, HTTP Basic)");
        }
        long started = System.nanoTime();
        PlanGenerator.Summary summary = new PlanGenerator(
                Long.parseLong(options.get("seed")), Double.parseDouble(options.get("size")),
                new HttpSink(options.get("url"), options.get("user"), options.get("password")))
                .run(options.get("prefix"), Integer.parseInt(options.get("semesters")));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("%d requests in %.1f s (%.0f/s), %d refused%n", summary.total(), seconds,
                          summary.total() / seconds, summary.refused());
        new TreeMap<>(summary.sent()).forEach((kind, count) -> System.out.printf("  %-14s %,d%n", kind, count));
        summary.firstRefusals().forEach(refusal -> System.out.println("  refused: " + refusal));
        if (summary.refused() > 0) {
            System.exit(1);
        }
    }
}
