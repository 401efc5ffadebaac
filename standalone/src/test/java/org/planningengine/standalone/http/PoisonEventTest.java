package org.planningengine.standalone.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.planningengine.events.okr.KeyResultUpdated;
import org.planningengine.eventlog.testing.Await;
import org.planningengine.query.views.PlanProgress;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event the views cannot apply goes to the dead-letter queue, is counted and shown, and the projection goes on;
 * a retry tries it again and keeps it while it still fails.
 */
class PoisonEventTest extends HttpTestBase {

    @Autowired
    EventStore eventStore;
    @Autowired
    MeterRegistry meters;

    private long deadLetters() {
        JsonNode status = api.get("/api/admin/projections/status").body();
        return StreamSupport.stream(status.get("projections").spliterator(), false)
                            .filter(projection -> projection.get("name").asText().equals(PlanProgress.GROUP))
                            .findFirst().orElseThrow().get("deadLetters").asLong();
    }

    @Test
    void aPoisonEventIsSetAsideCountedShownAndRetriedWhileTheProjectionGoesOn() {
        long before = deadLetters();
        // A check-in of an objective that never was: no projection can apply it (as from a bug, or a bad import).
        eventStore.publish(new GenericDomainEventMessage<>(
                "Objective", "objective:poison-never-set", 0,
                new KeyResultUpdated("poison-never-set", "kr", null, BigDecimal.ONE, BigDecimal.ZERO, BigDecimal.ONE,
                                     BigDecimal.ONE, null, Instant.parse("2043-05-01T09:00:00Z"))));
        HttpApi.Response after = api.write("/api/cycles", """
                {"id": "poison-s1", "name": "After the poison", "startDate": "2043-04-01", "endDate": "2043-09-30"}""");

        HttpApi.Response read = api.get("/api/cycles/poison-s1?consistentWith=" + after.position());
        assertThat(read.status()).as("the projection went on past the poison: " + read.raw()).isEqualTo(200);
        Await.until("the poison to be counted", () -> deadLetters() == before + 1);
        assertThat(meters.get("planning.projections.dead.letters").tag("projection", PlanProgress.GROUP).gauge()
                         .value()).isEqualTo(before + 1);

        HttpApi.Response retried = api.post("/api/admin/projections/" + PlanProgress.GROUP + "/dead-letters/retry",
                                            null);
        assertThat(retried.status()).as(retried.raw()).isEqualTo(200);
        assertThat(retried.body().get("remaining").asLong()).as("still poison").isEqualTo(before + 1);
        assertThat(api.post("/api/admin/projections/nothing/dead-letters/retry", null).status()).isEqualTo(404);
    }
}
