package org.planningengine.standalone.crash;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planningengine.eventlog.testing.Await;
import org.planningengine.query.webhooks.Signatures;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine killed with SIGKILL while a webhook delivery is on its way (the receiver holds the request open), then
 * started again on the same data folder: every event of the feed reaches the receiver, in order, each under one
 * delivery id; the delivery the kill cut off comes again under the same id, and nothing after it is skipped.
 */
class WebhookKillCrashTest {

    private static final String SECRET = "kill-test-secret-0123456789";
    private static final int INITIATIVES = 12;
    /** The delivery (counted in first arrivals) the receiver holds open while the engine is killed. */
    private static final int HELD = 5;

    @TempDir
    Path tempDir;

    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch killed = new CountDownLatch(1);
    private HttpServer receiver;

    record Arrival(String deliveryId, long position, boolean signed) {
    }

    @AfterEach
    void stopReceiver() {
        killed.countDown();
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aDeliveryCutOffByAKillIsSentAgainUnderItsIdAndEveryEventArrivesOnceInOrder() throws Exception {
        String url = startReceiver();
        Path dataDir = tempDir.resolve("data");
        // a short lease, so that the restarted engine takes the subscription over soon after the killed one's ran out
        EngineProcess first = EngineProcess.start(dataDir, tempDir, "first", "--planning.webhooks.lease=2s")
                                           .awaitReady();
        first.write("POST", "/api/webhooks", """
                {"id": "kill-hook", "url": "%s", "secret": "%s", "after": 0}""".formatted(url, SECRET));
        first.write("POST", "/api/cycles", """
                {"id": "kill-s1", "name": "Kill", "startDate": "2045-04-01", "endDate": "2045-09-30"}""");
        first.write("POST", "/api/teams", """
                {"id": "kill-team", "name": "Kill"}""");
        for (int i = 0; i < INITIATIVES; i++) {
            first.write("POST", "/api/initiatives", """
                    {"id": "kill-%d", "cycleId": "kill-s1", "teamId": "kill-team", "title": "Kill %d", \
                    "category": "KTLO"}""".formatted(i, i));
        }
        assertThat(holding.await(2, TimeUnit.MINUTES)).as("delivery " + HELD + " to arrive").isTrue();
        first.kill(); // while the receiver still holds the delivery open: the engine never hears its answer
        killed.countDown();

        EngineProcess second = EngineProcess.start(dataDir, tempDir, "second", "--planning.webhooks.lease=2s")
                                            .awaitReady();
        try {
            List<Long> feed = feedPositions(second);
            assertThat(feed).as("the feed after position 0 holds the test's writes").hasSizeGreaterThanOrEqualTo(INITIATIVES);
            Await.until("every event of the feed delivered", () -> firstArrivals().size() == feed.size(),
                        Duration.ofMinutes(2));

            List<String> ids = firstArrivals();
            assertThat(ids.stream().map(WebhookKillCrashTest::position).toList())
                    .as("each event once, in the feed's order").isEqualTo(feed);
            String cutOff = ids.get(HELD - 1);
            assertThat(arrivals).as("the cut-off delivery again, under its id")
                                .filteredOn(arrival -> arrival.deliveryId().equals(cutOff)).hasSizeGreaterThanOrEqualTo(2);
            assertThat(arrivals).as("every request signed with the subscription's secret")
                                .allMatch(Arrival::signed);
            assertThat(arrivals).as("a delivery id names one position")
                                .allMatch(arrival -> position(arrival.deliveryId()) == arrival.position());
            JsonNode subscription = second.json("/api/webhooks/kill-hook");
            assertThat(subscription.get("status").asText()).isEqualTo("ACTIVE");
        } finally {
            second.kill();
        }
    }

    /** Every position of the feed, paged from the start. */
    private static List<Long> feedPositions(EngineProcess engine) {
        List<Long> positions = new ArrayList<>();
        Long after = 0L;
        JsonNode page;
        do {
            page = engine.json("/api/feed?limit=1000&after=" + after);
            page.get("events").forEach(event -> positions.add(event.get("position").asLong()));
            after = page.get("next").isNull() ? after : page.get("next").asLong();
        } while (!page.get("caughtUp").asBoolean());
        return positions;
    }

    private String startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool());
        receiver.createContext("/hook", this::receive);
        receiver.start();
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private void receive(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String signature = exchange.getRequestHeaders().getFirst(Signatures.HEADER);
        String timestamp = signature.substring(2, signature.indexOf(','));
        Arrival arrival = new Arrival(exchange.getRequestHeaders().getFirst("Planning-Delivery"),
                                      Long.parseLong(exchange.getRequestHeaders().getFirst("Planning-Position")),
                                      signature.equals(Signatures.sign(SECRET, Long.parseLong(timestamp), body)));
        List<String> before = firstArrivals();
        boolean firstOfHeld = killed.getCount() > 0 && !before.contains(arrival.deliveryId())
                              && before.size() == HELD - 1;
        arrivals.add(arrival);
        if (firstOfHeld) {
            holding.countDown();
            try {
                killed.await(2, TimeUnit.MINUTES); // answered only once the engine that sent it is gone
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
    }

    private List<String> firstArrivals() {
        return new ArrayList<>(new LinkedHashSet<>(arrivals.stream().map(Arrival::deliveryId).toList()));
    }

    private static long position(String deliveryId) {
        return Long.parseLong(deliveryId.substring(deliveryId.lastIndexOf(':') + 1));
    }
}
