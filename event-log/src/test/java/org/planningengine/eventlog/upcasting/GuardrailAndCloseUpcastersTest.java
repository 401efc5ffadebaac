package org.planningengine.eventlog.upcasting;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.eventlog.serialization.EventSerialization;
import org.planningengine.eventlog.testing.MongoTestServer;
import org.planningengine.events.capacity.GuardrailOverridden;
import org.planningengine.events.cycle.CycleClosed;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code GuardrailOverridden} stored as revision 1 (allocations only) and a {@code CycleClosed} stored as revision 1
 * (which recorded no unfinished work) still load and track, as revision 2.
 */
class GuardrailAndCloseUpcastersTest {

    private MongoDatabase database;
    private MongoEventLog log;

    @BeforeEach
    void log() {
        database = MongoTestServer.newDatabase();
        log = MongoEventLog.builder()
                           .database(database)
                           .eventSerializer(EventSerialization.serializer())
                           .upcasterChain(new EventUpcasterChain(new GuardrailOverriddenUpcaster(),
                                                                 new CycleClosedUpcaster()))
                           .build();
    }

    @Test
    void aRevision1OverrideReadsAsAnAllocationsOverrideOfItsInitiative() throws Exception {
        log.appendEvents(new GenericDomainEventMessage<>("TeamCyclePlan", "team-plan:2027-s1/payments", 0,
                                                         new GuardrailOverridden("2027-s1", "payments", null, null,
                                                                                 "x", 0, 0, BigDecimal.ONE)));
        storedAsRevision1("/upcasting/guardrail-overridden-revision-1.json");

        GuardrailOverridden expected = new GuardrailOverridden("2027-s1", "payments",
                                                               GuardrailOverridden.Cause.ALLOCATION,
                                                               "faster-checkout", "new", 60, 10,
                                                               new BigDecimal("72.5"));
        assertThat(log.readEvents("team-plan:2027-s1/payments").next().getPayload()).isEqualTo(expected);
        assertThat(log.readEvents(null, false).findFirst().orElseThrow().getPayload()).isEqualTo(expected);
    }

    @Test
    void aRevision1CloseReadsWithItsUnfinishedWorkUnknownNotNone() throws Exception {
        log.appendEvents(new GenericDomainEventMessage<>("Cycle", "cycle:2027-s1", 0,
                                                         new CycleClosed("2027-s1", List.of())));
        storedAsRevision1("/upcasting/cycle-closed-revision-1.json");

        CycleClosed expected = new CycleClosed("2027-s1", null);
        assertThat(log.readEvents("cycle:2027-s1").next().getPayload()).isEqualTo(expected);
        assertThat(log.readEvents(null, false).findFirst().orElseThrow().getPayload()).isEqualTo(expected);
    }

    /** Puts the old shape where the first event was stored, as an engine of revision 1 would have. */
    private void storedAsRevision1(String resource) throws IOException {
        String revision1 = new String(Objects.requireNonNull(getClass().getResourceAsStream(resource)).readAllBytes(),
                                      StandardCharsets.UTF_8);
        database.getCollection(MongoEventLog.EVENTS_COLLECTION)
                .updateOne(Filters.eq("_id", 0L), Updates.combine(Updates.set("events.0.payload", revision1),
                                                                  Updates.set("events.0.payloadRevision", "1")));
    }
}
