package org.planningengine.standalone.http;

import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.standalone.ApiContract;
import org.planningengine.standalone.PlanningEngineApplication;
import org.planningengine.standalone.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends every request of the README's API tour ({@code docs/api-tour.http}), in order, to an engine of its own, so
 * the tour stays true: each answers 2xx unless its block says {@code # expect: <status>}. The engine starts as a
 * newcomer's does, with no users configured (the tests' users left out), and the tour signs in as {@code admin}
 * with the password the engine printed to its log. Every answer is checked against the API description.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = PlanningEngineApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"planning.embedded-mongo.backend=MEMORY", "spring.application.name=api-tour",
                "spring.config.location=classpath:/application.yml"})
class ApiTourFileTest {

    private static final Path TOUR = Path.of("../docs/api-tour.http");
    private static final Pattern VARIABLE = Pattern.compile("^@(\\w+)\\s*=\\s*(.+)$");
    private static final Pattern EXPECT = Pattern.compile("^# expect: (\\d{3})$");
    private static final Pattern PRINTED_PASSWORD = Pattern.compile("created with the password\\s+(\\S+)");
    /** The IDE clients' shorthand, {@code Basic <user> <password>}, which they encode before sending. */
    private static final Pattern BASIC_SHORTHAND = Pattern.compile("^Basic (\\S+) (\\S+)$");

    record TourRequest(String title, String method, String url, Map<String, String> headers, String body,
                       int expected) {
    }

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyRequestOfTheTourAnswersAsItSays(CapturedOutput startup) throws Exception {
        Matcher printed = PRINTED_PASSWORD.matcher(startup.getOut());
        assertThat(printed.find()).as("the first administrator's password in the log").isTrue();
        List<TourRequest> tour = parse(Files.readString(TOUR)
                                            .replace("http://localhost:8080", "http://localhost:" + port)
                                            .replace("@adminPassword = printed-on-first-start",
                                                     "@adminPassword = " + printed.group(1)));
        assertThat(tour).hasSizeGreaterThan(20);
        long lastWrite = -1;
        for (TourRequest request : tour) {
            if (request.method().equals("GET") && lastWrite >= 0) {
                HttpApi.awaitProcessed(processing, PlanProgress.GROUP, lastWrite);
            }
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url()))
                    .method(request.method(), request.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                                                                       : HttpRequest.BodyPublishers.ofString(request.body()));
            request.headers().forEach(builder::header);
            HttpRequest sent = builder.build();
            HttpResponse<String> response = http.send(sent, HttpResponse.BodyHandlers.ofString());
            ApiContract.check(sent.method(), sent.uri(), response.statusCode(), response.headers().map(),
                              response.body());

            if (request.expected() > 0) {
                assertThat(response.statusCode()).as(request.title() + ": " + response.body())
                                                 .isEqualTo(request.expected());
            } else {
                assertThat(response.statusCode()).as(request.title() + ": " + response.body()).isBetween(200, 299);
            }
            Matcher token = Pattern.compile("\"consistencyToken\":\"(\\d+)\"").matcher(response.body());
            if (token.find()) {
                lastWrite = Long.parseLong(token.group(1));
            }
        }
    }

    /** The blocks between {@code ###} lines: comments, a request line, headers, a blank line, a body. */
    private static List<TourRequest> parse(String file) {
        Map<String, String> variables = new HashMap<>();
        List<TourRequest> requests = new ArrayList<>();
        for (String block : file.split("(?m)^###")) {
            String title = block.lines().findFirst().orElse("").strip();
            int expected = 0;
            String requestLine = null;
            Map<String, String> headers = new HashMap<>();
            StringBuilder body = new StringBuilder();
            boolean inBody = false;
            for (String line : block.lines().skip(1).toList()) {
                Matcher variable = VARIABLE.matcher(line);
                Matcher expect = EXPECT.matcher(line);
                if (variable.matches()) {
                    variables.put(variable.group(1), variable.group(2).strip());
                } else if (expect.matches()) {
                    expected = Integer.parseInt(expect.group(1));
                } else if (requestLine == null && !line.isBlank() && !line.startsWith("#")) {
                    requestLine = substitute(line, variables);
                } else if (requestLine != null && !inBody && line.isBlank()) {
                    inBody = true;
                } else if (requestLine != null && !inBody) {
                    String[] header = substitute(line, variables).split(":", 2);
                    headers.put(header[0].strip(), encoded(header[1].strip()));
                } else if (inBody) {
                    body.append(line).append('\n');
                }
            }
            if (requestLine != null) {
                String[] parts = requestLine.split(" ", 2);
                requests.add(new TourRequest(title, parts[0], parts[1].strip(), headers, body.toString().strip(),
                                             expected));
            }
        }
        return requests;
    }

    private static String encoded(String headerValue) {
        Matcher basic = BASIC_SHORTHAND.matcher(headerValue);
        return basic.matches() ? TestUsers.basic(basic.group(1), basic.group(2)) : headerValue;
    }

    private static String substitute(String line, Map<String, String> variables) {
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            line = line.replace("{{" + variable.getKey() + "}}", variable.getValue());
        }
        return line;
    }
}
