package org.planningengine.benchmarks;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.InitiativeProposed;
import org.planningengine.query.views.PlanProgress;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The burst check: events appended to the log at a target rate (10,000 a second by default) by 4 writers while the
 * plan views' processor tracks the log, sampled every 10 ms. A stall is the processor standing still while events
 * wait for it; the figure reports the longest such pause, the largest lag, how long after the burst the views caught
 * up, and the gaps the readers gave up (there should be none).
 */
final class Burst {

    private static final int WRITERS = 4;
    private static final int INITIATIVES_PER_CYCLE = 100;
    private static final String DATABASE = "bench_burst";

    private final MongoTarget mongo;
    private final Report report;

    Burst(MongoTarget mongo, Report report) {
        this.mongo = mongo;
        this.report = report;
    }

    void run(int eventsPerSecond, int seconds) {
        mongo.fresh(DATABASE);
        try (Engine engine = Engine.start(Engine.Kind.STANDALONE, mongo.uri(DATABASE))) {
            EventStore store = engine.bean(EventStore.class);
            StreamingEventProcessor processor = engine.bean(EventProcessingConfiguration.class)
                    .eventProcessor(PlanProgress.GROUP, StreamingEventProcessor.class).orElseThrow();
            long total = (long) eventsPerSecond * seconds;
            AtomicLong appended = new AtomicLong();
            AtomicBoolean appending = new AtomicBoolean(true);
            long[] longestPause = {0};
            long[] largestLag = {0};
            Thread sampler = new Thread(() -> sample(processor, appended, appending, longestPause, largestLag),
                                        "burst-sampler");
            sampler.start();
            engine.mongoCommands().reset();
            long start = System.nanoTime();
            long intervalNanos = TimeUnit.SECONDS.toNanos(1) * WRITERS / eventsPerSecond;
            double appendSeconds = Clients.run(WRITERS, writer -> {
                for (long i = writer; i < total; i += WRITERS) {
                    long due = start + (i / WRITERS) * intervalNanos;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    store.publish(proposed(i));
                    appended.incrementAndGet();
                }
            });
            long burstEnd = System.nanoTime();
            while (position(processor) < total - 1) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            double catchUp = (System.nanoTime() - burstEnd) / 1e9;
            appending.set(false);
            join(sampler);
            System.out.print("  MongoDB commands per event appended:\n" + engine.mongoCommands().perOperation(total));
            double gapsGivenUp = engine.bean(MeterRegistry.class).counter("planning.eventlog.gaps.given.up").count();
            report.add(new Figure("BURST", eventsPerSecond + " events/s target", WRITERS, total, total,
                                  total / appendSeconds, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                                  String.format("appended/s; longest pause while behind %d ms, largest lag %,d events, "
                                                + "caught up %.1f s after the burst, %.0f gaps given up",
                                                longestPause[0], largestLag[0], catchUp, gapsGivenUp)));
        }
        mongo.fresh(DATABASE);
    }

    private static GenericDomainEventMessage<InitiativeProposed> proposed(long i) {
        String initiative = "burst-" + i;
        String cycle = "burst-cycle-" + i / INITIATIVES_PER_CYCLE;
        return new GenericDomainEventMessage<>("Initiative", AggregateIds.initiative(initiative), 0,
                new InitiativeProposed(initiative, cycle, "burst-team", "Burst " + i, null, Category.KTLO),
                MetaData.with(EventMetadata.ACTOR, Engine.USER));
    }

    /**
     * Samples the processor's position every 10 ms until told to stop; records the longest pause while behind and
     * the largest lag. The log's head is the count of appends, so that sampling every 10 ms adds no reads to the
     * server measured.
     */
    private static void sample(StreamingEventProcessor processor, AtomicLong appended, AtomicBoolean appending,
                               long[] longestPause, long[] largestLag) {
        long lastPosition = -1;
        long start = System.nanoTime();
        long lastMove = start;
        long lastPrint = start;
        while (appending.get()) {
            long position = position(processor);
            long head = appended.get() - 1;
            long now = System.nanoTime();
            if (now - lastPrint >= TimeUnit.SECONDS.toNanos(1)) {
                System.out.printf("  burst %4.1f s: log head %,d, views at %,d%n", (now - start) / 1e9, head, position);
                lastPrint = now;
            }
            if (position != lastPosition || position >= head) {
                lastPosition = position;
                lastMove = now;
            } else {
                longestPause[0] = Math.max(longestPause[0], TimeUnit.NANOSECONDS.toMillis(now - lastMove));
            }
            largestLag[0] = Math.max(largestLag[0], head - position);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private static long position(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream().map(EventTrackerStatus::getCurrentPosition)
                        .mapToLong(position -> position.orElse(-1)).min().orElse(-1);
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
