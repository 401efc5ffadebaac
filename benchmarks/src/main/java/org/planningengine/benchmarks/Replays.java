package org.planningengine.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.query.QuerySideConfiguration;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.ViewWrites;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * W2: a full rebuild of every projection, in events per second. The engine's own replay (the admin endpoint: tokens
 * reset, views cleared, the processor reading the log again) next to the raw driver reading the same documents in
 * order and upserting one view document per event; and, side by side, the projections fed straight from each
 * storage engine's event stream, ours and the Axon Mongo extension's, in one thread, so that only the storage differs.
 */
final class Replays {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CATCH_UP_LIMIT = Duration.ofHours(2);

    private final MongoTarget mongo;
    private final Report report;

    Replays(MongoTarget mongo, Report report) {
        this.mongo = mongo;
        this.report = report;
    }

    /** Waits until every projection has handled the whole log; answers the seconds it took. */
    static double awaitCaughtUp(Engine engine) {
        long start = System.nanoTime();
        long deadline = start + CATCH_UP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = read(engine.get("/api/admin/projections/status"));
            boolean caughtUp = !status.get("head").isNull();
            for (JsonNode projection : status.get("projections")) {
                caughtUp &= !projection.get("replaying").asBoolean() && projection.get("lag").asLong(-1) == 0;
            }
            if (caughtUp) {
                return (System.nanoTime() - start) / 1e9;
            }
            sleep(50);
        }
        throw new IllegalStateException("the projections did not catch up within " + CATCH_UP_LIMIT);
    }

    private record Storage(String name, EventStorageEngine engine) {
    }

    /** Answers the raw rate, for the side-by-side figures. */
    double replay(Engine engine, String database, long events) {
        long start = System.nanoTime();
        engine.mongoCommands().reset();
        engine.send("POST", "/api/admin/projections/replay", null);
        awaitCaughtUp(engine);
        double seconds = (System.nanoTime() - start) / 1e9;
        String commands = engine.mongoCommands().perOperation(events);
        double perEvent = engine.mongoCommands().total() / (double) events;
        double raw = raw(database, events);
        report.add(new Figure("W2", "engine replay", 1, events, events, events / seconds, Double.NaN, Double.NaN,
                              raw, perEvent, "events/s, admin replay until every projection caught up; "
                                             + "raw = read in order + one upsert per event"));
        System.out.print("  MongoDB commands per event:\n" + commands);
        return raw;
    }

    /** The raw driver reading the log in order and upserting one view document per event. */
    private double raw(String database, long events) {
        MongoCollection<Document> log = mongo.database(database).getCollection(MongoEventLog.EVENTS_COLLECTION);
        MongoCollection<Document> view = mongo.fresh(database + "_raw").getCollection("view");
        ReplaceOptions upsert = new ReplaceOptions().upsert(true);
        long start = System.nanoTime();
        long handled = 0;
        for (Document commit : log.find().sort(Sorts.ascending("_id")).batchSize(1000)) {
            for (Document event : commit.getList("events", Document.class)) {
                String id = event.getString("aggregateId");
                view.replaceOne(Filters.eq("_id", id), new Document("_id", id).append("seq", event.get("seq"))
                                                                              .append("payload", event.get("payload")),
                                upsert);
                handled++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        mongo.fresh(database + "_raw");
        if (handled != events) {
            throw new IllegalStateException("raw replay read " + handled + " events of " + events);
        }
        return handled / seconds;
    }

    /**
     * The projections fed straight from our log's stream and from the extension's (the same events, copied into its
     * collections first), in units of work of the processor's batch size with its view writes sent at the end of each,
     * with the engine's processor stopped.
     */
    void sideBySide(Engine engine, long events, double raw) {
        EventProcessingConfiguration processing = engine.bean(EventProcessingConfiguration.class);
        AbstractEventProcessor processor = processing.eventProcessor(PlanProgress.GROUP, AbstractEventProcessor.class)
                                                     .orElseThrow();
        processor.shutDown();
        MongoEventLog ours = engine.bean(MongoEventLog.class);
        EventStorageEngine extension = ExtensionStorage.engine(engine.bean(MongoDatabase.class),
                                                               engine.bean(Configuration.class));
        copy(ours, extension);
        EventHandlerInvoker invoker = processor.eventHandlerInvoker();
        for (Storage storage : List.of(new Storage("projections fed, ours", ours),
                                       new Storage("projections fed, extension", extension))) {
            invoker.performReset();
            long start = System.nanoTime();
            long handled;
            try (Stream<? extends TrackedEventMessage<?>> stream = storage.engine().readEvents(null, false)) {
                List<EventMessage<?>> batch = new ArrayList<>();
                handled = stream.peek(event -> {
                    batch.add(event);
                    if (batch.size() == QuerySideConfiguration.EVENTS_PER_BATCH) {
                        handle(invoker, batch);
                        batch.clear();
                    }
                }).count();
                if (!batch.isEmpty()) {
                    handle(invoker, batch);
                }
            }
            double perSecond = handled / ((System.nanoTime() - start) / 1e9);
            if (handled != events) {
                throw new IllegalStateException(storage.name() + " streamed " + handled + " events of " + events);
            }
            report.add(new Figure("W2", storage.name(), 1, events, handled, perSecond, Double.NaN, Double.NaN, raw,
                                  Double.NaN,
                                  "events/s into every projection in one thread, no token store"));
        }
    }

    /** As the processor handles a batch: one unit of work, each event through the interceptor that ends it. */
    private static void handle(EventHandlerInvoker invoker, List<EventMessage<?>> events) {
        BatchingUnitOfWork<EventMessage<?>> batch = new BatchingUnitOfWork<>(List.copyOf(events));
        ResultMessage<?> result = batch.executeWithResult(() -> new DefaultInterceptorChain<>(
                batch, List.of(ViewWrites.SENT_AFTER_EACH_BATCH), event -> {
            invoker.handle(event, Segment.ROOT_SEGMENT);
            return null;
        }).proceed());
        if (result.isExceptional()) {
            throw new IllegalStateException("a projection failed", result.exceptionResult());
        }
    }

    /** Our log's events into the extension's collections, in order, in commits of up to 100. */
    private static void copy(MongoEventLog ours, EventStorageEngine extension) {
        List<EventMessage<?>> batch = new ArrayList<>();
        try (Stream<? extends TrackedEventMessage<?>> stream = ours.readEvents(null, false)) {
            stream.forEach(event -> {
                batch.add(event);
                if (batch.size() == 100) {
                    extension.appendEvents(List.copyOf(batch));
                    batch.clear();
                }
            });
        }
        if (!batch.isEmpty()) {
            extension.appendEvents(batch);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
