package org.planningengine.command.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code planning-engine import}: sends a file to a running engine's import endpoint, as a user of it, follows the
 * import until it is done, printing its progress, and exits 0 when it is done (1 when refused or failed, 2 for a
 * command line it cannot read).
 */
public final class ImportCommandLine {

    static final String USAGE = """
            usage: import --cycle <id> [--okrs] [--url http://localhost:8080] [--user <name>] [--password <password>]
                          [--dry-run] [--skip-bad-rows] [--impact-scale intercom|1-5]
                          [--confidence-scale auto|fraction|percent] [--effort-unit person-weeks|person-months|t-shirt]
                          <file.csv | file.jsonl>
            The password may be given in the environment variable PLANNING_PASSWORD instead.""";
    private static final Map<String, String> PARAMETERS = Map.of("--impact-scale", "impactScale",
                                                                 "--confidence-scale", "confidenceScale",
                                                                 "--effort-unit", "effortUnit");
    private static final long POLL_MILLIS = 500;

    private ImportCommandLine() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /** Runs the import the arguments describe, printing to {@code out}; answers the exit code. */
    public static int run(String[] args, PrintStream out) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--url", "http://localhost:8080",
                                                                 "--user", System.getProperty("user.name")));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--okrs") || args[i].equals("--dry-run") || args[i].equals("--skip-bad-rows")) {
                options.put(args[i], "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else if (args[i].startsWith("--")) {
                return usage(out, "missing the value of " + args[i]);
            } else {
                files.add(args[i]);
            }
        }
        String password = options.getOrDefault("--password", System.getenv("PLANNING_PASSWORD"));
        if (files.size() != 1 || !options.containsKey("--cycle") || password == null) {
            return usage(out, files.size() != 1 ? "name one file" : !options.containsKey("--cycle")
                                                                     ? "--cycle is required" : "no password given");
        }
        try {
            return new Client(options.get("--url"), options.get("--user"), password, out).send(
                    Path.of(files.get(0)), options);
        } catch (IOException unreachable) {
            out.println("import failed: " + unreachable.getMessage());
            return 1;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private static int usage(PrintStream out, String problem) {
        out.println(problem);
        out.println(USAGE);
        return 2;
    }

    private record Client(String url, String user, String password, PrintStream out) {

        private static final HttpClient HTTP = HttpClient.newHttpClient();
        private static final ObjectMapper JSON = new ObjectMapper();

        int send(Path file, Map<String, String> options) throws IOException, InterruptedException {
            StringBuilder query = new StringBuilder("?mode=").append(options.containsKey("--skip-bad-rows")
                                                                      ? "skip-bad-rows" : "all-or-nothing");
            query.append("&dryRun=").append(options.containsKey("--dry-run"));
            PARAMETERS.forEach((option, parameter) -> {
                if (options.containsKey(option)) {
                    query.append('&').append(parameter).append('=')
                         .append(URLEncoder.encode(options.get(option), StandardCharsets.UTF_8));
                }
            });
            String name = file.getFileName().toString();
            String type = name.endsWith(".jsonl") || name.endsWith(".ndjson") ? "application/x-ndjson" : "text/csv";
            HttpResponse<String> answer = HTTP.send(
                    request("/api/cycles/" + options.get("--cycle") + (options.containsKey("--okrs") ? "/okr-imports"
                                                                                                     : "/imports")
                            + query).header("Content-Type", type)
                                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode status = JSON.readTree(answer.body());
            if (answer.statusCode() >= 300) {
                out.println("refused (" + answer.statusCode() + "): " + status.path("detail").asText());
                status.path("errors").forEach(error -> out.println("  line " + error.path("line").asText("-") + ": "
                                                                   + error.path("message").asText()));
                return 1;
            }
            out.println("import " + status.get("id").asText() + " of " + name + ": " + status.get("rows").asInt()
                        + " rows; " + String.join("; ", JSON.convertValue(status.get("rules"), List.class)));
            int reported = -1;
            while (status.get("status").asText().equals("RUNNING")) {
                if (status.get("rowsDone").asInt() != reported) {
                    reported = status.get("rowsDone").asInt();
                    out.println(reported + " of " + status.get("rows").asInt() + " rows");
                }
                Thread.sleep(POLL_MILLIS);
                status = JSON.readTree(HTTP.send(request(answer.headers().firstValue("Location").orElseThrow())
                                                         .GET().build(),
                                                 HttpResponse.BodyHandlers.ofString()).body());
            }
            status.get("badRows").forEach(bad -> out.println("  line " + bad.get("line").asText() + " refused: "
                                                             + bad.get("message").asText()));
            out.println(status.get("status").asText() + ": events " + status.get("events") + ", "
                        + status.get("alreadyImported").asInt() + " rows imported before, "
                        + status.get("badRows").size() + " refused"
                        + (status.get("failure").isNull() ? "" : "; " + status.get("failure").asText()));
            return status.get("status").asText().equals("FAILED") ? 1 : 0;
        }

        private HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Basic " + Base64
                    .getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
    }
}
