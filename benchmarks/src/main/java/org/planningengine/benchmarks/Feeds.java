package org.planningengine.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import com.sun.net.httpserver.HttpServer;
import org.bson.Document;
import org.planningengine.eventlog.MongoEventLog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * FEED: the event feed read from the first position to the last, a page of 1,000 at a time over HTTP, next to the raw
 * driver reading the same commits in position order; and a webhook's delivery rate to a receiver on the loopback,
 * next to the raw driver reading as many commits and posting each event to the same receiver.
 */
final class Feeds {

    /** Events a webhook is sent (the last ones of the log): its rate, not the log's size, is what is measured. */
    static final int DELIVERED = 5_000;

    private final MongoTarget mongo;
    private final Report report;
    private final ObjectMapper json = new ObjectMapper();

    Feeds(MongoTarget mongo, Report report) {
        this.mongo = mongo;
        this.report = report;
    }

    void run(Engine engine, String database, long events) throws Exception {
        double raw = rawRead(database);
        long start = System.nanoTime();
        long read = 0;
        long after = -1;
        JsonNode page;
        do {
            page = json.readTree(engine.get("/api/feed?limit=1000" + (after < 0 ? "" : "&after=" + after)));
            read += page.get("events").size();
            after = page.get("next").isNull() ? after : page.get("next").asLong();
        } while (!page.get("caughtUp").asBoolean());
        double seconds = (System.nanoTime() - start) / 1e9;
        report.add(new Figure("FEED", "paged from 0", 1, events, read, read / seconds, Double.NaN, Double.NaN, raw,
                              Double.NaN, "events/s, GET /api/feed?limit=1000 from the first position to the last; "
                                          + "raw = the driver reading the commits in position order"));
        deliveries(engine, database, events, after);
    }

    private void deliveries(Engine engine, String database, long events, long last) throws Exception {
        int count = (int) Math.min(DELIVERED, events);
        CountDownLatch received = new CountDownLatch(count);
        AtomicLong lastPosition = new AtomicLong(-1);
        AtomicLong outOfOrder = new AtomicLong();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            long position = Long.parseLong(exchange.getRequestHeaders().getFirst("Planning-Position"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            // The same delivery again (at least once) is no disorder; an earlier position after a later one is.
            if (position < lastPosition.getAndAccumulate(position, Math::max)) {
                outOfOrder.incrementAndGet();
            }
            received.countDown();
        });
        // The raw posts go to a path of their own, so that they count toward no delivery.
        receiver.createContext("/raw", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String base = "http://127.0.0.1:" + receiver.getAddress().getPort();
            String url = base + "/hook";
            double raw = rawPosts(database, base + "/raw", count);
            long start = System.nanoTime();
            engine.send("POST", "/api/webhooks", """
                    {"id": "bench", "url": "%s", "secret": "bench-secret-0123456789", "after": %d}"""
                    .formatted(url, Math.max(0, last - count)));
            if (!received.await(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the webhook delivered " + (count - received.getCount()) + " of "
                                                + count + " events");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (outOfOrder.get() > 0) {
                throw new IllegalStateException("the webhook delivered " + outOfOrder.get() + " events out of order");
            }
            report.add(new Figure("FEED", "webhook deliveries", 1, events, count, count / seconds, Double.NaN,
                                  Double.NaN, raw, Double.NaN,
                                  "events/s delivered in order to a receiver on the loopback; raw = the driver "
                                  + "reading as many commits and posting each event, one at a time"));
            engine.send("DELETE", "/api/webhooks/bench", null);
        } finally {
            receiver.stop(0);
        }
    }

    private double rawRead(String database) {
        MongoCollection<Document> log = mongo.database(database).getCollection(MongoEventLog.EVENTS_COLLECTION);
        long start = System.nanoTime();
        long read = 0;
        for (Document commit : log.find().sort(Sorts.ascending("_id")).batchSize(1000)) {
            read += commit.getList("events", Document.class).size();
        }
        return read / ((System.nanoTime() - start) / 1e9);
    }

    private double rawPosts(String database, String url, int count) {
        MongoCollection<Document> log = mongo.database(database).getCollection(MongoEventLog.EVENTS_COLLECTION);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong posted = new AtomicLong();
        long start = System.nanoTime();
        for (Document commit : log.find().sort(Sorts.descending("_id")).batchSize(1000)) {
            for (Document event : commit.getList("events", Document.class)) {
                if (posted.get() == count) {
                    break;
                }
                try {
                    http.send(HttpRequest.newBuilder(URI.create(url))
                                         .POST(HttpRequest.BodyPublishers.ofString(event.toJson())).build(),
                              HttpResponse.BodyHandlers.discarding());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                posted.incrementAndGet();
            }
            if (posted.get() == count) {
                break;
            }
        }
        return posted.get() / ((System.nanoTime() - start) / 1e9);
    }
}
