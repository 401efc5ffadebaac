package org.planningengine.query.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.planningengine.query.feed.Feed;
import org.planningengine.query.feed.FeedEvent;
import org.planningengine.query.webhooks.Deliveries.Attempt;
import org.planningengine.query.webhooks.Deliveries.Delivery;
import org.planningengine.query.webhooks.Subscriptions.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers each subscription's events, in feed order, one at a time: the next event goes only once the one before
 * was delivered, so a receiver sees them in order. Each subscription follows the feed from its own cursor, so a
 * replay of the views, a restart or a second node changes nothing of what it is sent: the node holding its lease
 * delivers it, and a delivery is recorded (with its stable id) before it is sent, so a crash between the two sends
 * the same delivery again, never a new one, and never skips one.
 * <p>
 * A failing receiver is retried with exponential backoff and jitter; after {@code retryFor} its subscription is
 * paused, saying why. Receivers are called from a pool of their own with connect and read timeouts, so one slow or
 * dead receiver holds up no other subscription.
 */
final class WebhookDispatcher implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** The most events one subscription is sent before the others get their turn. */
    private static final int EVENTS_PER_TURN = 200;
    private static final int RECEIVER_CALLS = 8;

    private final Subscriptions subscriptions;
    private final Deliveries deliveries;
    private final Feed feed;
    private final WebhookUrls urls;
    private final WebhookSettings settings;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Clock clock;
    private final String node = UUID.randomUUID().toString();
    private final HttpClient http;
    private final Set<String> working = ConcurrentHashMap.newKeySet();
    private final Map<String, Instant> oldestUndelivered = new ConcurrentHashMap<>();
    private final Set<String> measured = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            named("webhook-scheduler"));
    private final ExecutorService calls = Executors.newFixedThreadPool(RECEIVER_CALLS, named("webhook-delivery"));

    WebhookDispatcher(Subscriptions subscriptions, Deliveries deliveries, Feed feed, WebhookUrls urls,
                      WebhookSettings settings, ObjectMapper json, MeterRegistry meters, Clock clock) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.feed = feed;
        this.urls = urls;
        this.settings = settings;
        this.json = json;
        this.meters = meters;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                              .followRedirects(HttpClient.Redirect.NEVER) // a redirect could lead anywhere
                              .version(HttpClient.Version.HTTP_1_1).build();
    }

    void start() {
        ticks.scheduleWithFixedDelay(this::tick, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        ticks.shutdownNow();
        calls.shutdownNow();
    }

    /** Gives each active subscription this node can lease, and is not delivering already, a turn. */
    private void tick() {
        try {
            for (String id : subscriptions.active()) {
                if (!working.add(id)) {
                    continue;
                }
                Instant now = clock.instant();
                Optional<Subscription> leased = subscriptions.claim(id, node, now, now.plus(settings.lease()));
                if (leased.isEmpty()) {
                    working.remove(id);
                    continue;
                }
                measure(id);
                calls.execute(() -> {
                    try {
                        turn(leased.get());
                    } catch (RuntimeException | Error failed) {
                        log.warn("Webhook {} could not be delivered this turn", id, failed);
                    } finally {
                        working.remove(id);
                    }
                });
            }
        } catch (RuntimeException failed) { // MongoDB away for a moment: the next tick tries again
            log.warn("Webhooks could not be looked up", failed);
        }
    }

    /** Delivers what is due, in order, until a delivery fails, nothing is left, or the turn is over. */
    private void turn(Subscription subscription) {
        String id = subscription.id();
        Long cursor = subscription.cursor();
        Instant turnEnds = clock.instant().plus(settings.lease().dividedBy(2));
        int sent = 0;
        while (sent < EVENTS_PER_TURN && clock.instant().isBefore(turnEnds)) {
            Optional<Delivery> pending = deliveries.pending(id);
            if (pending.isPresent()) {
                Delivery delivery = pending.get();
                Instant due = delivery.nextAttemptAt();
                if (due != null && due.isAfter(clock.instant())) {
                    oldestUndelivered.put(id, delivery.eventAt());
                    return;
                }
                if (!attempt(subscription, delivery)) {
                    return;
                }
                cursor = delivery.position();
                sent++;
                continue;
            }
            Feed.Page page = feed.page(new Feed.Query(cursor, 100, Set.copyOf(subscription.types()),
                                                      subscription.cycleId()));
            for (FeedEvent event : page.events()) {
                if (subscription.teamId() != null && !subscription.teamId().equals(event.subject().teamId())) {
                    continue;
                }
                Delivery delivery = deliveries.open(id, event.position(), event.id(), event.type(), event.at(),
                                                    body(event));
                if (!attempt(subscription, delivery)) {
                    return;
                }
                sent++;
            }
            if (page.next() != null && !Objects.equals(page.next(), cursor)) { // past what the filters left out
                if (!subscriptions.advance(id, node, page.next()) && !leaseHeld(id)) {
                    return;
                }
                cursor = page.next();
            }
            if (page.events().isEmpty() || page.caughtUp() && sent == 0) {
                oldestUndelivered.remove(id);
                return;
            }
        }
    }

    /** Sends the delivery once; answers whether it was delivered (and the cursor moved past it). */
    private boolean attempt(Subscription subscription, Delivery delivery) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        Integer statusCode = null;
        String error = urls.refusal(subscription.url()).orElse(null);
        if (error == null) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.url()))
                        .timeout(settings.readTimeout())
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "planning-engine-webhooks")
                        .header("Planning-Delivery", delivery.id())
                        .header("Planning-Event", delivery.type())
                        .header("Planning-Position", Long.toString(delivery.position()))
                        .header(Signatures.HEADER, Signatures.sign(subscription.secret(), at.getEpochSecond(),
                                                                   delivery.body()))
                        .POST(HttpRequest.BodyPublishers.ofString(delivery.body())).build();
                statusCode = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException | IllegalArgumentException failed) {
                error = failed.toString();
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        Attempt attempt = new Attempt(at, statusCode, (System.nanoTime() - started) / 1_000_000, error);
        if (delivery.attemptCount() > 0) {
            counter("planning.webhooks.retries", subscription.id()).increment();
        }
        if (statusCode != null && statusCode / 100 == 2) {
            deliveries.attempted(delivery, attempt, null);
            counter("planning.webhooks.deliveries", subscription.id()).increment();
            return subscriptions.advance(subscription.id(), node, delivery.position()) || leaseHeld(subscription.id());
        }
        counter("planning.webhooks.failures", subscription.id()).increment();
        oldestUndelivered.put(subscription.id(), delivery.eventAt());
        Instant first = delivery.firstAttemptAt() != null ? delivery.firstAttemptAt() : at;
        String answer = statusCode != null ? "answered " + statusCode : error;
        if (Duration.between(first, at).compareTo(settings.retryFor()) >= 0) {
            deliveries.attempted(delivery, attempt, at); // due again the moment the subscription resumes
            subscriptions.pause(subscription.id(), "delivery " + delivery.id() + " failed for "
                                                   + Duration.between(first, at).toSeconds() + " s ("
                                                   + (delivery.attemptCount() + 1) + " attempts); last: " + answer,
                                at);
            log.warn("Webhook {} paused: {} kept failing ({})", subscription.id(), delivery.id(), answer);
        } else {
            deliveries.attempted(delivery, attempt, at.plus(backoff(delivery.attemptCount() + 1)));
        }
        return false;
    }

    /** Twice as long after each failure, up to the longest, drawn between half of it and all of it. */
    private Duration backoff(int failures) {
        long first = settings.firstRetry().toMillis();
        long longest = settings.maxRetryInterval().toMillis();
        long wait = failures >= 31 ? longest : Math.min(longest, first << (failures - 1));
        return Duration.ofMillis(wait / 2 + ThreadLocalRandom.current().nextLong(wait / 2 + 1));
    }

    private boolean leaseHeld(String id) {
        Instant now = clock.instant();
        return subscriptions.claim(id, node, now, now.plus(settings.lease())).isPresent();
    }

    private String body(FeedEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Counter counter(String name, String subscription) {
        return Counter.builder(name).tag("subscription", subscription).register(meters);
    }

    /** The age of the oldest event the subscription has not delivered, 0 when it is caught up. */
    private void measure(String id) {
        if (measured.add(id)) {
            Gauge.builder("planning.webhooks.oldest.undelivered", oldestUndelivered, waiting -> {
                Instant oldest = waiting.get(id);
                return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1e3);
            }).tag("subscription", id).baseUnit("seconds").register(meters);
        }
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
