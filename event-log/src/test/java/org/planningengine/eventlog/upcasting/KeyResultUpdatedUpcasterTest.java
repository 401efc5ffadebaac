package org.planningengine.eventlog.upcasting;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.eventlog.serialization.EventSerialization;
import org.planningengine.eventlog.testing.MongoTestServer;
import org.planningengine.events.okr.KeyResultUpdated;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** A {@code KeyResultUpdated} stored as revision 1, before check-ins said when they were measured, still loads. */
class KeyResultUpdatedUpcasterTest {

    private static final Instant RECORDED = Instant.parse("2027-05-03T08:15:30.123456Z");

    @Test
    void aRevision1CheckInReadsAsMeasuredWhenItWasRecorded() throws Exception {
        MongoDatabase database = MongoTestServer.newDatabase();
        MongoEventLog log = MongoEventLog.builder()
                                         .database(database)
                                         .eventSerializer(EventSerialization.serializer())
                                         .upcasterChain(new EventUpcasterChain(new KeyResultUpdatedUpcaster()))
                                         .build();
        log.appendEvents(new GenericDomainEventMessage<>(
                "Objective", "objective:reliable-payments", 0,
                new KeyResultUpdated("reliable-payments", "checkout-p99", null, BigDecimal.ONE, BigDecimal.ZERO,
                                     BigDecimal.ZERO, BigDecimal.ONE, null, Instant.EPOCH),
                MetaData.emptyInstance(), "check-in-1", RECORDED));
        String revision1 = new String(Objects.requireNonNull(getClass().getResourceAsStream(
                "/upcasting/key-result-updated-revision-1.json")).readAllBytes(), StandardCharsets.UTF_8);
        // The check-in as an engine of revision 1 stored it.
        database.getCollection(MongoEventLog.EVENTS_COLLECTION)
                .updateOne(Filters.eq("_id", 0L), Updates.combine(Updates.set("events.0.payload", revision1),
                                                                  Updates.set("events.0.payloadRevision", "1")));

        KeyResultUpdated expected = new KeyResultUpdated("reliable-payments", "checkout-p99", new BigDecimal("1250"),
                                                         new BigDecimal("1100"), new BigDecimal("0.25"),
                                                         new BigDecimal("0.5"), new BigDecimal("0.7"),
                                                         "the cache landed", RECORDED);
        DomainEventMessage<?> loaded = log.readEvents("objective:reliable-payments").next();
        assertThat(loaded.getPayload()).isEqualTo(expected);
        assertThat(loaded.getTimestamp()).isEqualTo(RECORDED);
        assertThat(log.readEvents(null, false).findFirst().orElseThrow().getPayload()).isEqualTo(expected);
    }
}
