package org.planningengine.eventlog.upcasting;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;
import org.planningengine.events.initiative.InitiativeScored;
import org.planningengine.events.initiative.RiceInputs;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.eventlog.serialization.EventSerialization;
import org.planningengine.eventlog.testing.MongoTestServer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** An {@code InitiativeScored} stored as revision 1, before it named its cycle, still loads and tracks. */
class InitiativeScoredUpcasterTest {

    @Test
    void aRevision1ScoreAsStoredReadsAsRevision2WithNoCycle() throws Exception {
        MongoDatabase database = MongoTestServer.newDatabase();
        MongoEventLog log = MongoEventLog.builder()
                                         .database(database)
                                         .eventSerializer(EventSerialization.serializer())
                                         .upcasterChain(new EventUpcasterChain(new InitiativeScoredUpcaster()))
                                         .build();
        RiceInputs before = new RiceInputs(new BigDecimal("500"), new BigDecimal("2"), new BigDecimal("0.8"),
                                           new BigDecimal("4"));
        RiceInputs after = new RiceInputs(new BigDecimal("1200"), new BigDecimal("0.25"), new BigDecimal("1"),
                                          new BigDecimal("3"));
        log.appendEvents(new GenericDomainEventMessage<>("Initiative", "initiative:faster-checkout", 0,
                                                         new InitiativeScored("faster-checkout", "2027-s1", before,
                                                                              before.score(), after, after.score())));
        String revision1 = new String(Objects.requireNonNull(getClass().getResourceAsStream(
                "/upcasting/initiative-scored-revision-1.json")).readAllBytes(), StandardCharsets.UTF_8);
        // The event as an engine of revision 1 stored it.
        database.getCollection(MongoEventLog.EVENTS_COLLECTION)
                .updateOne(Filters.eq("_id", 0L), Updates.combine(Updates.set("events.0.payload", revision1),
                                                                  Updates.set("events.0.payloadRevision", "1")));

        InitiativeScored expected = new InitiativeScored("faster-checkout", null, before, new BigDecimal("200.0"),
                                                         after, new BigDecimal("100.00"));
        assertThat(log.readEvents("initiative:faster-checkout").next().getPayload()).isEqualTo(expected);
        assertThat(log.readEvents(null, false).findFirst().orElseThrow().getPayload()).isEqualTo(expected);
    }
}
