package org.planningengine.query.feed;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.planningengine.eventlog.EventJsonTest;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed's public shape of every event type is pinned in {@code src/test/resources/feed/<Event>.json}: a change of
 * an event class must not change what consumers read. When this fails because the public shape must change, raise
 * that type's version in {@link IntegrationEvents} and say so in the contract, then update the file. A new type's
 * file is written by a run with {@code -Dfeed.pin}: read it before committing it.
 */
class IntegrationEventsTest {

    /** As the engine's HTTP answers write them: decimals as plain digits. */
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .build();

    static List<Object> everyEvent() {
        return EventJsonTest.everyEvent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEvent")
    void theDataOfEachTypeIsPinned(Object event) throws Exception {
        String name = event.getClass().getSimpleName();
        var shape = IntegrationEvents.of(event).orElseThrow(() -> new AssertionError("no public shape for " + name));
        JsonNode written = JSON.readTree(JSON.writeValueAsString(Map.of("version", shape.getKey(),
                                                                        "data", shape.getValue())));
        if (System.getProperty("feed.pin") != null) { // -Dfeed.pin writes a new type's file, to be read and committed
            Path file = Path.of("src/test/resources/feed", name + ".json");
            if (!Files.exists(file)) {
                Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(written) + "\n");
            }
        }
        JsonNode pinned;
        try (InputStream in = getClass().getResourceAsStream("/feed/" + name + ".json")) {
            assertThat(in).as("pinned feed JSON for " + name).isNotNull();
            pinned = JSON.readTree(in);
        }
        assertThat(written).isEqualTo(pinned);
    }

    @Test
    void everyEventTypeHasAPublicShapeAndIsPinned() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(
                    org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter(new AnnotationTypeFilter(Revision.class));
        Set<String> eventTypes = scanner.findCandidateComponents("org.planningengine.events").stream()
                                        .map(definition -> definition.getBeanClassName())
                                        .map(className -> className.substring(className.lastIndexOf('.') + 1))
                                        .collect(Collectors.toSet());

        assertThat(IntegrationEvents.TYPES).containsExactlyInAnyOrderElementsOf(eventTypes);
        assertThat(everyEvent().stream().map(event -> event.getClass().getSimpleName()))
                .containsExactlyInAnyOrderElementsOf(eventTypes);
    }
}
