package org.planningengine.workload;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** Sends the generator's requests to a running engine's API, signed in with HTTP Basic. */
public final class HttpSink implements PlanGenerator.Sink {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    public HttpSink(String base, String user, String password) {
        this.base = base.replaceAll("/+$", "");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int send(PlanGenerator.Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.path()))
                                                 .header("Authorization", authorization)
                                                 .header("Content-Type", "application/json")
                                                 .timeout(Duration.ofSeconds(60))
                                                 .method(request.method(), HttpRequest.BodyPublishers.ofString(request.json()));
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException failure) {
            throw new IllegalStateException("the engine at " + base + " cannot be reached: " + failure, failure);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", stopped);
        }
    }
}
