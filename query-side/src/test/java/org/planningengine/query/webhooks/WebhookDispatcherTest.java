package org.planningengine.query.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Updates;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.eventlog.serialization.EventSerialization;
import org.planningengine.eventlog.testing.Await;
import org.planningengine.eventlog.testing.MongoTestServer;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.lesson.LessonRecorded;
import org.planningengine.query.feed.Feed;
import org.planningengine.query.webhooks.Subscriptions.Status;
import org.planningengine.query.webhooks.Subscriptions.Subscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dispatcher on a real event log and a real receiver on the loopback: order, signatures, retries with the same
 * delivery id, pausing, isolation of subscriptions, a restart in the middle of a delivery, and ten thousand events.
 */
class WebhookDispatcherTest {

    private static final String SECRET = "a-secret-of-some-length";
    /** Retries soon after each other, for a minute before pausing (long enough for a loaded machine). */
    private static final WebhookSettings SETTINGS = settings(Duration.ofMinutes(1));
    /** As the engine writes its answers: instants as ISO text. */
    private static final ObjectMapper ANSWERS = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private MongoDatabase database;
    private MongoEventLog log;
    private Subscriptions subscriptions;
    private Deliveries deliveries;
    private final List<WebhookDispatcher> dispatchers = new ArrayList<>();
    private final List<Receiver> receivers = new ArrayList<>();
    private int lessons;

    @BeforeEach
    void engine() {
        database = MongoTestServer.newDatabase();
        log = MongoEventLog.builder().database(database).eventSerializer(EventSerialization.serializer()).build();
        subscriptions = new Subscriptions(database);
        deliveries = new Deliveries(database);
    }

    @AfterEach
    void stop() {
        dispatchers.forEach(WebhookDispatcher::close);
        receivers.forEach(Receiver::close);
    }

    @Test
    void eventsArriveInOrderSignedWithTheSubscriptionsSecret() throws Exception {
        Receiver receiver = receiver();
        subscribe("in-order", receiver.url(), null);
        append(5);
        start();

        awaitReceived(receiver, 5);
        List<Long> positions = firstArrivals(receiver).stream().map(WebhookDispatcherTest::position).toList();
        assertThat(positions).isSorted().hasSize(5);
        for (Receiver.Received request : receiver.received) {
            String[] parts = request.signature().split(",");
            long time = Long.parseLong(parts[0].substring(2));
            assertThat(parts[1]).isEqualTo("v1=" + Signatures.hmac(SECRET, time + "." + request.body()));
            assertThat(Math.abs(Instant.now().getEpochSecond() - time)).isLessThan(60);
            JsonNode event = JSON.readTree(request.body());
            assertThat(event.get("position").asLong()).isEqualTo(request.position());
            assertThat(event.get("type").asText()).isEqualTo("LessonRecorded").isEqualTo(request.type());
            assertThat(Instant.parse(event.get("at").asText())).isBeforeOrEqualTo(Instant.now());
            assertThat(request.deliveryId()).isEqualTo("in-order:" + request.position());
        }
        Await.until("the cursor at the last event", () -> positions.get(4).equals(cursor("in-order")));
    }

    @Test
    void aFailedDeliveryIsSentAgainWithTheSameIdBeforeAnyLaterEvent() throws Exception {
        Receiver receiver = receiver();
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(request -> calls.incrementAndGet() <= 2 ? 500 : 200);
        subscribe("flaky", receiver.url(), null);
        append(3);
        start();

        awaitReceived(receiver, 3);
        List<String> ids = receiver.received.stream().map(Receiver.Received::deliveryId).toList();
        assertThat(ids.subList(0, 3)).as("the first, twice refused, then taken").containsOnly(ids.get(0));
        assertThat(new LinkedHashSet<>(ids)).hasSize(3);
        assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(position(a), position(b)));
        Deliveries.Delivery first = deliveries.page("flaky", 0, 10).get(2);
        assertThat(first.attempts()).extracting(Deliveries.Attempt::statusCode).filteredOn(code -> code != null)
                                    .as("besides any a loaded machine timed out").containsExactly(500, 500, 200);
        assertThat(first.status()).isEqualTo(Deliveries.Status.DELIVERED);
    }

    @Test
    void aReceiverThatKeepsFailingPausesItsSubscriptionAndHoldsUpNoOther() throws Exception {
        Receiver dead = receiver();
        dead.answer(request -> 503);
        Receiver slow = receiver();
        slow.answer(request -> -1); // never answers: each attempt waits for the read timeout
        Receiver healthy = receiver();
        subscribe("dead", dead.url(), null);
        subscribe("slow", slow.url(), null);
        subscribe("healthy", healthy.url(), null);
        append(20);
        start(settings(Duration.ofSeconds(2)));

        awaitReceived(healthy, 20);
        Await.until("the failing subscription paused", () -> status("dead") == Status.PAUSED);
        Subscription paused = subscriptions.find("dead").orElseThrow();
        assertThat(paused.pausedReason()).contains("dead:" + firstPosition()).contains("answered 503");
        assertThat(paused.cursor()).as("where it stopped: before the first event").isNull();
        assertThat(dead.received).extracting(Receiver.Received::deliveryId).containsOnly("dead:" + firstPosition());

        dead.answer(request -> 200);
        subscriptions.change("dead", List.of(Updates.set("status", "ACTIVE")), "test", Instant.now());
        deliveries.dueNow("dead", Instant.now());
        Await.until("the resumed subscription to catch up",
                    () -> dead.received.stream().map(Receiver.Received::deliveryId).distinct().count() == 20);
    }

    @Test
    void aDeliveryCutOffByARestartIsSentAgainUnderItsIdAndNothingIsSkipped() throws Exception {
        Receiver receiver = receiver();
        receiver.answer(request -> firstArrivals(receiver).size() == 3
                                   && request.deliveryId().equals(firstArrivals(receiver).get(2)) ? -1 : 200);
        subscribe("restarted", receiver.url(), null);
        append(6);
        WebhookDispatcher first = start();
        awaitReceived(receiver, 3);

        first.close(); // the engine goes away while the third delivery is on its way
        receiver.answer(request -> 200);
        start(); // another start: a new node, which takes the subscription over once the lease has run out

        Await.until("every event delivered", () -> receiver.received.stream().map(Receiver.Received::deliveryId)
                                                                     .distinct().count() == 6);
        List<String> ids = receiver.received.stream().map(Receiver.Received::deliveryId).toList();
        List<String> distinct = firstArrivals(receiver);
        assertThat(ids).as("the cut-off delivery again, under its id").filteredOn(distinct.get(2)::equals)
                       .hasSizeGreaterThanOrEqualTo(2);
        assertThat(distinct).isSortedAccordingTo((a, b) -> Long.compare(position(a), position(b)));
    }

    @Test
    void tenThousandEventsArriveAllInOrder() throws Exception {
        Receiver receiver = receiver();
        subscribe("many", receiver.url(), null);
        append(10_000);
        start();

        Await.until("ten thousand deliveries", () -> firstArrivals(receiver).size() >= 10_000, Duration.ofMinutes(5));
        List<Long> positions = firstArrivals(receiver).stream().map(WebhookDispatcherTest::position).toList();
        assertThat(positions).hasSize(10_000).isSorted();
    }

    @Test
    void filtersSendOnlyWhatTheyNameAndTheCursorPassesTheRest() throws Exception {
        Receiver receiver = receiver();
        subscriptions.create(new Subscription("one-team", receiver.url(), List.of("LessonRecorded"), "2027-s1",
                                              null, SECRET, Status.ACTIVE, null, null, "test", Instant.now(), "test",
                                              Instant.now()));
        append(3);
        appendIn("2027-s2");
        start();

        awaitReceived(receiver, 3);
        Await.until("the cursor past the other cycle's lesson", () -> Long.valueOf(firstPosition() + 3)
                .equals(cursor("one-team")));
        assertThat(firstArrivals(receiver)).hasSize(3);
    }

    private Receiver receiver() throws Exception {
        Receiver receiver = new Receiver();
        receivers.add(receiver);
        return receiver;
    }

    private void subscribe(String id, String url, Long after) {
        subscriptions.create(new Subscription(id, url, List.of(), null, null, SECRET, Status.ACTIVE, null, after,
                                              "test", Instant.now(), "test", Instant.now()));
    }

    private static WebhookSettings settings(Duration retryFor) {
        return new WebhookSettings(true, Duration.ofMillis(50), Duration.ofMillis(200), retryFor,
                                   Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(50),
                                   Duration.ofSeconds(1));
    }

    private WebhookDispatcher start() {
        return start(SETTINGS);
    }

    private WebhookDispatcher start(WebhookSettings settings) {
        WebhookDispatcher dispatcher = new WebhookDispatcher(
                subscriptions, deliveries, new Feed(log), new WebhookUrls(true, () -> 1), settings, ANSWERS,
                new SimpleMeterRegistry(), Clock.systemUTC());
        dispatchers.add(dispatcher);
        dispatcher.start();
        return dispatcher;
    }

    /** Lessons of cycle 2027-s1, appended a hundred to a commit. */
    private void append(int count) {
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(lesson("2027-s1"));
            if (batch.size() == 100 || i == count - 1) {
                log.appendEvents(batch);
                batch.clear();
            }
        }
    }

    private void appendIn(String cycleId) {
        log.appendEvents(lesson(cycleId));
    }

    private DomainEventMessage<?> lesson(String cycleId) {
        String id = "lesson-" + lessons++;
        return new GenericDomainEventMessage<>("Lesson", "lesson:" + id, 0,
                                               new LessonRecorded(id, cycleId, null, "We learnt " + id, List.of()),
                                               MetaData.from(Map.of(EventMetadata.ACTOR, "ana")));
    }

    private long firstPosition() {
        return new Feed(log).page(null, 1, Set.of(), null).events().get(0).position();
    }

    private Long cursor(String id) {
        return subscriptions.find(id).orElseThrow().cursor();
    }

    private Status status(String id) {
        return subscriptions.find(id).orElseThrow().status();
    }

    private static long position(String deliveryId) {
        return Long.parseLong(deliveryId.substring(deliveryId.lastIndexOf(':') + 1));
    }

    /**
     * The deliveries in the order they first arrived. Delivery is at least once: a request whose answer did not come
     * back in time (a loaded machine) is sent again under its id, which a receiver uses to handle it once.
     */
    private static List<String> firstArrivals(Receiver receiver) {
        return new ArrayList<>(new LinkedHashSet<>(receiver.received.stream().map(Receiver.Received::deliveryId)
                                                                    .toList()));
    }

    private static void awaitReceived(Receiver receiver, int count) {
        Await.until(count + " deliveries received", () -> firstArrivals(receiver).size() >= count);
    }
}
