package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.planningengine.eventlog.testing.Await;
import org.planningengine.standalone.ApiContract;
import org.planningengine.standalone.TestUsers;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine's HTTP API through a real HTTP client, with JSON answers parsed, signed in as one of the test users
 * ({@code tester}, an administrator, unless another is named), with the headers of its own it was given.
 */
final class HttpApi {

    record Response(int status, String contentType, JsonNode body, String raw, HttpHeaders headers) {

        /** The answer's header, or null when it has none. */
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        /** The consistency token of a write's answer, as the position it names. */
        long position() {
            return Long.parseLong(body.get("consistencyToken").asText());
        }
    }

    /** Decimals exactly as sent: 400.00 stays 400.00. */
    private static final ObjectMapper JSON = JsonMapper.builder()
                                                       .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                                                       .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                                                       .build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String user;
    private final Map<String, String> headers;

    HttpApi(int port) {
        this(port, TestUsers.TESTER, Map.of());
    }

    private HttpApi(int port, String user, Map<String, String> headers) {
        this.port = port;
        this.user = user;
        this.headers = headers;
    }

    /** The same engine, signed in as this user. */
    HttpApi as(String user) {
        return new HttpApi(port, user, headers);
    }

    /** The same engine, without credentials. */
    HttpApi anonymous() {
        return new HttpApi(port, null, headers);
    }

    /** The same engine, sending this header too with every request ({@code If-Match}, say). */
    HttpApi with(String header, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(header, value);
        return new HttpApi(port, user, more);
    }

    Response post(String path, String json) {
        return exchange("POST", path, json);
    }

    /** POSTs a body of unannounced length (chunked), as a stream would. */
    Response postChunked(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return send(request(path).header("Content-Type", "application/json")
                                 .POST(HttpRequest.BodyPublishers.ofInputStream(
                                         () -> new ByteArrayInputStream(body))));
    }

    Response put(String path, String json) {
        return exchange("PUT", path, json);
    }

    /** Any method, with a JSON body or (null) none. */
    Response exchange(String method, String path, String json) {
        return exchange(method, path, "application/json", json);
    }

    /** Any method, with a body of this media type or (null) none. */
    Response exchange(String method, String path, String mediaType, String body) {
        return send(request(path).header("Content-Type", mediaType)
                                 .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                                              : HttpRequest.BodyPublishers.ofString(body)));
    }

    /** POSTs a JSON body under an {@code Idempotency-Key}. */
    Response postOnce(String path, String idempotencyKey, String json) {
        return send(request(path).header("Content-Type", "application/json")
                                 .header("Idempotency-Key", idempotencyKey)
                                 .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    /** GETs asking for this media type ({@code text/csv}, {@code text/markdown}). */
    Response get(String path, String accept) {
        return send(request(path).header("Accept", accept).GET());
    }

    /** POSTs a file as the body, of this media type. */
    Response postFile(String path, String mediaType, String content) {
        return exchange("POST", path, mediaType, content);
    }

    /** POSTs a file as the part {@code file} of a form, as a browser or {@code curl -F file=@name} sends it. */
    Response postForm(String path, String fileName, String content) {
        String boundary = "form-boundary-" + System.nanoTime();
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                      + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" + boundary
                      + "--\r\n";
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                 .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** POSTs and insists on a 200 or 201. */
    Response write(String path, String json) {
        return succeeded("POST " + path, post(path, json));
    }

    /** PUTs and insists on a 200. */
    Response replace(String path, String json) {
        return succeeded("PUT " + path, put(path, json));
    }

    private static Response succeeded(String request, Response response) {
        if (response.status() != 200 && response.status() != 201) {
            throw new AssertionError(request + " answered " + response.status() + ": " + response.raw());
        }
        return response;
    }


    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        headers.forEach(builder::header);
        return user == null ? builder : builder.header("Authorization", TestUsers.basic(user));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpRequest sent = request.build();
            HttpResponse<String> response = http.send(sent, HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            ApiContract.check(sent.method(), sent.uri(), response.statusCode(), response.headers().map(), raw);
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            // Exports (CSV, Markdown) are not JSON; every answer else is, refusals included.
            JsonNode body = raw.isEmpty() || !contentType.contains("json") ? null : JSON.readTree(raw);
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                                body, raw, response.headers());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    /** Waits until the processor has handled the event at this global position. */
    static void awaitProcessed(EventProcessingConfiguration processing, String processor, long position) {
        StreamingEventProcessor streaming = processing.eventProcessor(processor, StreamingEventProcessor.class)
                                                      .orElseThrow();
        Await.until(processor + " to process position " + position, () -> !streaming.processingStatus().isEmpty()
                && streaming.processingStatus().values().stream()
                            .map(EventTrackerStatus::getTrackingToken)
                            .allMatch(token -> covers(token, position)));
    }

    private static boolean covers(TrackingToken token, long position) {
        if (token == null || token.position().orElse(-1) < position) {
            return false;
        }
        return !(token instanceof GapAwareTrackingToken gapAware) || !gapAware.getGaps().contains(position);
    }
}
