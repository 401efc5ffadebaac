package org.planningengine.benchmarks;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.planningengine.command.AggregateCommand;
import org.planningengine.commandside.CommandSideApplication;
import org.planningengine.events.EventMetadata;
import org.planningengine.standalone.PlanningEngineApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * An engine the harness starts in its own JVM against a database of the {@link MongoTarget}: the standalone
 * application (both sides) or the command side alone, with our event log or the Axon Mongo extension's engine. One
 * administrator, {@code bench}, signs in with HTTP Basic; gateway commands carry the same actor.
 */
final class Engine implements AutoCloseable {

    enum Kind {
        /** The standalone application: command side, query side and projections in one JVM. */
        STANDALONE,
        /** The command side alone, on our event log. */
        COMMAND_SIDE,
        /** The command side alone, on the Axon Mongo extension's {@code MongoEventStorageEngine}. */
        COMMAND_SIDE_EXTENSION
    }

    static final String USER = "bench";
    static final String PASSWORD = "bench-password";
    // Hashed at BCrypt's cheapest cost: the engine caches a verified password, but the first requests of each
    // client would otherwise measure hashing.
    private static final String HASH = "{bcrypt}" + new BCryptPasswordEncoder(4).encode(PASSWORD);

    private final ConfigurableApplicationContext context;
    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String authorization = "Basic " + Base64.getEncoder().encodeToString(
            (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

    private Engine(ConfigurableApplicationContext context) {
        this.context = context;
        this.base = "http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    static Engine start(Kind kind, String mongoUri, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of("--spring.data.mongodb.uri=" + mongoUri));
        arguments.addAll(List.of(extraArguments));
        return start(kind, arguments);
    }

    /** The standalone application on its durable default: the embedded server keeping its data in {@code dataDir}. */
    static Engine durable(Path dataDir, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of("--planning.embedded-mongo.data-dir=" + dataDir));
        arguments.addAll(List.of(extraArguments));
        return start(Kind.STANDALONE, arguments);
    }

    private static Engine start(Kind kind, List<String> extraArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--planning.security.users." + USER + ".password=" + HASH,
                "--planning.security.users." + USER + ".roles=ADMIN",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off",
                "--planning.webhooks.allow-private-networks=true")); // the feed's receiver is on the loopback
        arguments.addAll(extraArguments);
        SpringApplicationBuilder builder = switch (kind) {
            case STANDALONE -> new SpringApplicationBuilder(PlanningEngineApplication.class, MongoCommands.class);
            case COMMAND_SIDE -> new SpringApplicationBuilder(CommandSideApplication.class, MongoCommands.class)
                    .properties("spring.config.name=command-side");
            case COMMAND_SIDE_EXTENSION -> new SpringApplicationBuilder(CommandSideApplication.class,
                                                                        MongoCommands.class, ExtensionStorage.class)
                    .properties("spring.config.name=command-side");
        };
        return new Engine(builder.run(arguments.toArray(String[]::new)));
    }

    /** Sends a command through Axon's gateway, as the harness's user, and waits for it to be appended. */
    void command(AggregateCommand command) {
        context.getBean(CommandGateway.class).sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(EventMetadata.ACTOR, USER)));
    }

    /** A request to the engine's API with a JSON body (or none); answers the body, fails on any status but 2xx. */
    String send(String method, String path, String json) {
        return send(method, path, "application/json", json);
    }

    String send(String method, String path, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                             : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        return exchange(request.build(), method + " " + path);
    }

    String get(String path) {
        return send("GET", path, null);
    }

    private String exchange(HttpRequest request, String what) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException(what + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " interrupted", e);
        }
    }

    String base() {
        return base;
    }

    /** What the engine has sent to MongoDB so far. */
    MongoCommands mongoCommands() {
        return context.getBean(MongoCommands.class);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
