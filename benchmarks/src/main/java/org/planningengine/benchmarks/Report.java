package org.planningengine.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects the figures, prints each as it comes and the whole table at the end, and writes them as JSON after each
 * figure (a long run stopped half-way keeps what it measured).
 */
final class Report {

    private static final List<String> TITLES = List.of(
            "load", "variant", "clients", "events", "count", "per second", "p50 ms", "p99 ms", "raw /s", "ratio",
            "MongoDB cmd/op", "note");
    /** The line printed as each figure is measured: its columns aligned under the header's. */
    private static final String LINE = "%-6s %-27s %7s %10s %8s %11s %9s %9s %11s %6s %14s  %s";

    private final Map<String, Object> machine = new LinkedHashMap<>();
    private final List<Figure> figures = new ArrayList<>();
    private final Path json;

    Report(String server, List<String> arguments, Path json) {
        this.json = json;
        Runtime runtime = Runtime.getRuntime();
        machine.put("date", Instant.now().toString());
        machine.put("arguments", String.join(" ", arguments));
        machine.put("server", server);
        machine.put("cores", runtime.availableProcessors());
        machine.put("maxHeapMiB", runtime.maxMemory() >> 20);
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                          + System.getProperty("os.arch"));
    }

    void add(Figure figure) {
        figures.add(figure);
        System.out.println(line(figure));
        if (json != null) {
            writeJson();
        }
    }

    /** The machine and every figure, as Markdown, for BENCHMARKS.md. */
    void print() {
        System.out.println();
        machine.forEach((key, value) -> System.out.println("- " + key + ": " + value));
        System.out.println();
        System.out.println("| " + String.join(" | ", TITLES) + " |");
        System.out.println("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|");
        figures.forEach(figure -> System.out.println("| " + String.join(" | ", cells(figure)) + " |"));
    }

    private void writeJson() {
        Map<String, Object> content = new LinkedHashMap<>(machine);
        content.put("figures", figures.stream().map(Report::asMap).toList());
        try {
            if (json.getParent() != null) {
                Files.createDirectories(json.getParent());
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + json, e);
        }
    }

    private static Map<String, Object> asMap(Figure figure) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("workload", figure.workload());
        map.put("variant", figure.variant());
        map.put("clients", figure.clients());
        map.put("events", figure.events());
        map.put("count", figure.count());
        map.put("perSecond", finite(figure.perSecond()));
        map.put("p50Millis", finite(figure.p50Millis()));
        map.put("p99Millis", finite(figure.p99Millis()));
        map.put("raw", finite(figure.raw()));
        map.put("ratio", finite(figure.ratio()));
        map.put("mongoCommandsPerOperation", finite(figure.commands()));
        map.put("note", figure.note());
        return map;
    }

    /** JSON has no NaN: a figure not measured is null. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : null;
    }

    static String header() {
        return String.format(LINE, TITLES.toArray());
    }

    static String line(Figure figure) {
        return String.format(LINE, cells(figure).toArray());
    }

    /** A figure's columns as printed, in the order of {@link #TITLES}. */
    private static List<String> cells(Figure f) {
        return List.of(f.workload(), f.variant(), Integer.toString(f.clients()),
                       String.format(Locale.ROOT, "%,d", f.events()), String.format(Locale.ROOT, "%,d", f.count()),
                       number("%,.0f", f.perSecond()), number("%.2f", f.p50Millis()), number("%.2f", f.p99Millis()),
                       number("%,.0f", f.raw()), number("%.2f", f.ratio()), number("%.1f", f.commands()), f.note());
    }

    private static String number(String format, double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, format, value) : "-";
    }
}
