package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description the engine serves at {@code /v3/api-docs} covers every endpoint both sides map, and the
 * committed {@code docs/openapi.json} is that description: run with {@code -Dopenapi.write=true} to write it anew.
 */
class ApiDescriptionTest extends HttpTestBase {

    static final Path COMMITTED = Path.of("../docs/openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keys sorted at every level: springdoc's property order depends on what else ran in the JVM before it. */
    private static final ObjectWriter CANONICAL = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writerWithDefaultPrettyPrinter();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void theCommittedDescriptionIsTheOneTheEngineServes() throws Exception {
        HttpApi.Response served = api.anonymous().get("/v3/api-docs");
        assertThat(served.status()).as(served.raw()).isEqualTo(200);
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(COMMITTED, CANONICAL.writeValueAsString(JSON.readValue(served.raw(), Object.class)) + "\n");
        }
        assertThat(Files.exists(COMMITTED)).as(COMMITTED + " (write it with -Dopenapi.write=true)").isTrue();
        JsonNode committed = JSON.readTree(Files.readString(COMMITTED));
        assertThat(committed).as("docs/openapi.json differs from /v3/api-docs: run ApiDescriptionTest with "
                                 + "-Dopenapi.write=true and commit it").isEqualTo(JSON.readTree(served.raw()));
    }

    @Test
    void everyMappingOfTheApiIsDescribed() {
        JsonNode paths = api.anonymous().get("/v3/api-docs").body().get("paths");
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(pattern -> pattern.startsWith("/api/"))
                .forEach(pattern -> info.getMethodsCondition().getMethods().forEach(
                        method -> mapped.add(method + " " + pattern.replaceAll("\\{(\\w+)(:[^}]*)?}", "{$1}")))));
        Set<String> described = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> described.add(method.toUpperCase() + " " + path.getKey())));

        assertThat(described).isEqualTo(mapped);
    }

    @Test
    void swaggerUiShowsTheDescriptionWithoutSigningIn() {
        HttpApi.Response page = api.anonymous().get("/swagger-ui/index.html", "text/html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        HttpApi.Response config = api.anonymous().get("/v3/api-docs/swagger-config");
        assertThat(config.status()).as(config.raw()).isEqualTo(200);
        assertThat(config.body().get("url").asText()).isEqualTo("/v3/api-docs");
    }

    @Test
    void everyOperationHasASummaryTagsAndTheLeastRole() {
        JsonNode paths = api.anonymous().get("/v3/api-docs").body().get("paths");
        Set<String> lacking = new TreeSet<>();
        paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            JsonNode described = operation.getValue();
            if (!described.hasNonNull("summary") || !described.has("tags") || !described.has("x-least-role")) {
                lacking.add(operation.getKey().toUpperCase() + " " + path.getKey());
            }
        }));
        assertThat(lacking).as("operations without a summary, tags or x-least-role").isEmpty();
    }
}
