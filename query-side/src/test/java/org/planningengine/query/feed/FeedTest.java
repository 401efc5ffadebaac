package org.planningengine.query.feed;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.eventlog.serialization.EventSerialization;
import org.planningengine.eventlog.testing.MongoTestServer;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.CycleStarted;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.InitiativeDeferred;
import org.planningengine.events.initiative.InitiativeProposed;
import org.planningengine.events.initiative.InitiativeScored;
import org.planningengine.events.initiative.InitiativeStatus;
import org.planningengine.events.initiative.RiceInputs;
import org.planningengine.events.okr.FieldChange;
import org.planningengine.events.okr.KeyResultUpdated;
import org.planningengine.events.okr.ObjectiveField;
import org.planningengine.events.okr.ObjectiveReviewed;
import org.planningengine.events.okr.ObjectiveSet;
import org.planningengine.events.okr.ReviewOutcome;
import org.planningengine.query.feed.FeedEvent.Subject;
import org.planningengine.query.views.BadQuery;
import org.planningengine.query.views.ViewOutOfRange;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The feed read from a real event log on the embedded wire-protocol server, through the real driver. */
class FeedTest {

    private static final RiceInputs RICE = new RiceInputs(new BigDecimal("1000"), new BigDecimal("2"),
                                                          new BigDecimal("0.8"), new BigDecimal("4"));

    /** Holds the next insert into the log, which its writer makes after taking its positions, until released. */
    private static final class SlowCommit implements CommandListener {
        volatile CountDownLatch armed;
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void commandStarted(CommandStartedEvent event) {
            CountDownLatch latch = armed;
            if (latch != null && event.getCommandName().equals("insert")
                && event.getCommand().getString("insert").getValue().equals(MongoEventLog.EVENTS_COLLECTION)) {
                armed = null;
                holding.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private final SlowCommit slowCommit = new SlowCommit();
    private MongoClient client;
    private MongoEventLog log;
    private Feed feed;

    @BeforeEach
    void log() {
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(MongoTestServer.connectionString()))
                .addCommandListener(slowCommit).build());
        log = MongoEventLog.builder().database(client.getDatabase("feed-" + UUID.randomUUID()))
                           .eventSerializer(EventSerialization.serializer()).build();
        feed = new Feed(log);
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aCommitThatLandsAfterALaterOneIsNotSkipped() throws Exception {
        append("cycle:2027-s1", 0, cycle("2027-s1"));
        long cursor = all().get(0).position();

        slowCommit.armed = new CountDownLatch(1);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(
                () -> append("initiative:slow", 0, proposed("slow", "2027-s1")));
        assertThat(slowCommit.holding.await(10, TimeUnit.SECONDS)).as("the slow commit took its position").isTrue();
        append("initiative:fast", 0, proposed("fast", "2027-s1")); // after the slow one's position, stored first

        Feed.Page waiting = feed.page(cursor, 100, Set.of(), null);
        assertThat(waiting.events()).as("nothing after the position still being written").isEmpty();
        assertThat(waiting.next()).isEqualTo(cursor);
        assertThat(waiting.caughtUp()).isFalse();

        slowCommit.release.countDown();
        slow.get(10, TimeUnit.SECONDS);
        Feed.Page after = feed.page(waiting.next(), 100, Set.of(), null);
        assertThat(after.events()).extracting(event -> event.subject().id()).containsExactly("slow", "fast");
        assertThat(after.events()).extracting(FeedEvent::position).containsExactly(cursor + 1, cursor + 2);
        assertThat(after.caughtUp()).isTrue();
    }

    @Test
    void pagesFromTheStartSeeEveryEventOnceInPositionOrder() {
        append("cycle:2027-s1", 0, cycle("2027-s1"));
        for (int i = 0; i < 12; i++) {
            append("initiative:i" + i, 0, proposed("i" + i, "2027-s1"));
            append("initiative:i" + i, 1, scored("i" + i));
        }
        List<FeedEvent> read = new ArrayList<>();
        Long cursor = null;
        Feed.Page page;
        do {
            page = feed.page(cursor, 5, Set.of(), null);
            assertThat(page.events().size()).isLessThanOrEqualTo(5);
            read.addAll(page.events());
            cursor = page.next();
        } while (!page.caughtUp());

        assertThat(read).hasSize(25);
        assertThat(read).extracting(FeedEvent::position).isSorted().doesNotHaveDuplicates();
        assertThat(read).extracting(FeedEvent::id).doesNotHaveDuplicates();
        assertThat(feed.page(cursor, 5, Set.of(), null).events()).as("nothing after the end").isEmpty();
    }

    @Test
    void eventsAreShownWithTheirMetadataAndNoSecrets() {
        append("cycle:2027-s1", 0, cycle("2027-s1"));
        append("initiative:checkout", 0, proposed("checkout", "2027-s1"));
        append("initiative:checkout", 1, scored("checkout"));

        FeedEvent score = all().get(2);
        assertThat(score.type()).isEqualTo("InitiativeScored");
        assertThat(score.version()).isEqualTo(1);
        assertThat(score.actor()).isEqualTo("ana");
        assertThat(score.reason()).isEqualTo("because");
        assertThat(score.correlationId()).isEqualTo("request-1");
        assertThat(score.subject()).isEqualTo(new Subject("initiative", "checkout", "2027-s1", "payments"));
        assertThat(score.data()).containsEntry("score", RICE.score()).containsEntry("reach", new BigDecimal("1000"));
        assertThat(score.toString()).doesNotContain("secret-key").doesNotContain("digest");
    }

    @Test
    void anEventIsPlacedWhereItsSubjectWasWhenItHappened() {
        append("initiative:search", 0, proposed("search", "2027-s1"));
        append("initiative:search", 1, new InitiativeDeferred("search", "2027-s1", "2027-s2",
                                                              InitiativeStatus.PROPOSED));
        append("initiative:search", 2, scored("search"));
        append("objective:fast", 0, new ObjectiveSet("fast", "2027-s1", "payments", "Fast", null, null));
        append("objective:fast", 1, checkIn());
        append("objective:fast", 2, new ObjectiveReviewed("fast", ReviewOutcome.ADJUST, List.of(
                new FieldChange(ObjectiveField.OWNER_TEAM, "payments", "platform"))));
        append("objective:fast", 3, checkIn());

        assertThat(all()).extracting(FeedEvent::subject).containsExactly(
                new Subject("initiative", "search", "2027-s1", "payments"),
                new Subject("initiative", "search", "2027-s1", "payments"), // a deferral is of the cycle it leaves
                new Subject("initiative", "search", "2027-s2", "payments"),
                new Subject("objective", "fast", "2027-s1", "payments"),
                new Subject("objective", "fast", "2027-s1", "payments"),
                new Subject("objective", "fast", "2027-s1", "payments"),
                new Subject("objective", "fast", "2027-s1", "platform"));
    }

    @Test
    void typesAndCycleFilterThePageAndTheCursorMovesPastWhatTheyLeaveOut() {
        append("cycle:2027-s1", 0, cycle("2027-s1"));
        append("cycle:2027-s2", 0, cycle("2027-s2"));
        append("initiative:a", 0, proposed("a", "2027-s1"));
        append("initiative:b", 0, proposed("b", "2027-s2"));
        append("initiative:b", 1, scored("b"));

        Feed.Page scores = feed.page(null, 10, Set.of("InitiativeScored"), null);
        assertThat(scores.events()).extracting(event -> event.subject().id()).containsExactly("b");
        Feed.Page second = feed.page(null, 10, Set.of(), "2027-s2");
        assertThat(second.events()).extracting(FeedEvent::type)
                                   .containsExactly("CycleStarted", "InitiativeProposed", "InitiativeScored");
        Feed.Page none = feed.page(null, 10, Set.of("PlanCommitted"), null);
        assertThat(none.events()).isEmpty();
        assertThat(none.next()).as("past every event read").isEqualTo(all().get(4).position());
    }

    @Test
    void aQueryIsReadStrictly() {
        assertThat(Feed.Query.of(null, null, null, null))
                .isEqualTo(new Feed.Query(null, Feed.Query.DEFAULT_LIMIT, Set.of(), null));
        assertThat(Feed.Query.of("41", "7", "InitiativeScored, PlanCommitted", "2027-s1"))
                .isEqualTo(new Feed.Query(41L, 7, Set.of("InitiativeScored", "PlanCommitted"), "2027-s1"));
        assertThatThrownBy(() -> Feed.Query.of("x", null, null, null)).isInstanceOf(BadQuery.class);
        assertThatThrownBy(() -> Feed.Query.of("-1", null, null, null)).isInstanceOf(ViewOutOfRange.class);
        assertThatThrownBy(() -> Feed.Query.of(null, "0", null, null)).isInstanceOf(ViewOutOfRange.class);
        assertThatThrownBy(() -> Feed.Query.of(null, "1001", null, null)).isInstanceOf(ViewOutOfRange.class);
        assertThatThrownBy(() -> Feed.Query.of(null, null, "scored", null)).isInstanceOf(BadQuery.class)
                .hasMessageContaining("scored").hasMessageContaining("InitiativeScored");
    }

    private List<FeedEvent> all() {
        return feed.page(null, Feed.MAX_LIMIT, Set.of(), null).events();
    }

    private void append(String aggregateId, long sequence, Object payload) {
        log.appendEvents(new GenericDomainEventMessage<>(payload.getClass().getSimpleName(), aggregateId, sequence,
                                                         payload, MetaData.from(Map.of(
                EventMetadata.ACTOR, "ana", EventMetadata.REASON, "because",
                EventMetadata.CORRELATION_ID, "request-1", EventMetadata.IDEMPOTENCY_KEY, "secret-key-" + UUID.randomUUID(),
                EventMetadata.REQUEST_DIGEST, "digest"))));
    }

    private static CycleStarted cycle(String id) {
        return new CycleStarted(id, id, LocalDate.parse("2027-01-01"), LocalDate.parse("2027-06-30"),
                                CapacityPolicy.standard());
    }

    private static InitiativeProposed proposed(String id, String cycleId) {
        return new InitiativeProposed(id, cycleId, "payments", "Initiative " + id, null, Category.NEW_INITIATIVE);
    }

    private static InitiativeScored scored(String id) {
        return new InitiativeScored(id, null, null, null, RICE, RICE.score());
    }

    private static KeyResultUpdated checkIn() {
        return new KeyResultUpdated("fast", "p99", null, BigDecimal.ONE, null, new BigDecimal("0.1"),
                                    new BigDecimal("0.5"), null);
    }
}
