package org.planningengine.eventlog.conformance;

import com.mongodb.client.MongoDatabase;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.planningengine.eventlog.testing.Await;
import org.planningengine.eventlog.testing.CollectingHandler;
import org.planningengine.eventlog.testing.MongoTestServer;
import org.planningengine.eventlog.testing.TestEvents;
import org.planningengine.eventlog.testing.TestEvents.CounterIncremented;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.planningengine.eventlog.testing.TestEvents.incremented;

/**
 * The scenarios every event storage engine of ours must survive, written once and run against our log and, side by
 * side on the same server, against the Axon Mongo extension's engine. Each scenario answers an {@link Outcome}: the
 * test of our log asserts it held; the extension's test records it.
 */
final class ConformanceScenarios {

    /** How a scenario makes one commit become visible only after the others have been read. */
    interface LateCommits {
        /** Appends the events once {@code release} opens, as if the insert took that long. */
        void appendLate(List<? extends EventMessage<?>> events, CountDownLatch release);
    }

    /** An engine to test: a fresh one on a database, and its way of making a commit late. */
    interface EngineUnderTest {
        EventStorageEngine create(MongoDatabase database);

        LateCommits lateCommits(MongoDatabase database);
    }

    record Outcome(String scenario, boolean held, String detail) {
        @Override
        public String toString() {
            return "| " + scenario + " | " + (held ? "held" : "FAILED") + " | " + detail + " |";
        }
    }

    private static final Duration STALL = Duration.ofSeconds(10);

    private final EngineUnderTest engineUnderTest;
    /** Events of the burst, a quarter from each of four writers. */
    private final int burstEvents;

    ConformanceScenarios(EngineUnderTest engineUnderTest, int burstEvents) {
        this.engineUnderTest = engineUnderTest;
        this.burstEvents = burstEvents;
    }

    /** A commit that becomes visible 5 s after its events were stamped, while other writers keep appending. */
    Outcome lateCommit() throws Exception {
        MongoDatabase database = MongoTestServer.newDatabase();
        EventStorageEngine engine = engineUnderTest.create(database);
        try (Processing processing = new Processing(engine)) {
            CountDownLatch release = new CountDownLatch(1);
            DomainEventMessage<CounterIncremented> late = incremented("late", 0, Instant.now().minusSeconds(5));
            Thread lateWriter = new Thread(() -> engineUnderTest.lateCommits(database).appendLate(List.of(late), release));
            lateWriter.start();
            appendInParallel(engine, 2, 100, (writer, i) -> List.of(incremented("w" + writer + "-" + i, 0)));
            Await.until("the other writers' 200 events are handled", () -> processing.handler.count() >= 200);
            release.countDown();
            lateWriter.join();
            EventMessage<?> sentinel = incremented("sentinel", 0);
            engine.appendEvents(List.of(sentinel));
            Await.until("the event appended after the late commit is handled", () -> processing.handler.saw(sentinel.getIdentifier()));
            boolean delivered = processing.handler.saw(late.getIdentifier());
            return new Outcome("commit visible 5 s after its events were stamped", delivered,
                               delivered ? "the late event was delivered"
                                         : "the late event was never delivered: skipped for good");
        }
    }

    /** The burst's events appended as fast as four writers can, read while they are written. */
    Outcome burst() throws Exception {
        EventStorageEngine engine = engineUnderTest.create(MongoTestServer.newDatabase());
        try (Processing processing = new Processing(engine)) {
            appendInParallel(engine, 4, burstEvents / 4, (writer, i) -> List.of(incremented("burst-" + writer, i)));
            boolean complete = processing.awaitCountOrStall(burstEvents);
            List<CollectingHandler.Handled> handled = processing.handler.handled();
            long distinct = handled.stream().map(CollectingHandler.Handled::eventId).distinct().count();
            boolean inOrder = perAggregateInOrder(handled);
            boolean held = complete && distinct == burstEvents && handled.size() == burstEvents && inOrder;
            return new Outcome("burst of %,d events".formatted(burstEvents), held,
                               "handled " + handled.size() + " (" + distinct + " distinct) of "
                               + "%,d".formatted(burstEvents)
                               + (complete ? "" : ", then no progress for " + STALL.toSeconds() + " s")
                               + (inOrder ? "" : ", out of sequence order within an aggregate"));
        }
    }

    /** Eight threads appending to one aggregate at once, each retrying on a concurrency conflict. */
    Outcome concurrentAppendsToOneAggregate() throws Exception {
        EventStorageEngine engine = engineUnderTest.create(MongoTestServer.newDatabase());
        try (Processing processing = new Processing(engine)) {
            AtomicInteger conflicts = new AtomicInteger();
            int perThread = 50;
            ExecutorService writers = Executors.newFixedThreadPool(8);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(writers.submit(() -> {
                    int appended = 0;
                    while (appended < perThread) {
                        long next = engine.lastSequenceNumberFor("shared").map(last -> last + 1).orElse(0L);
                        try {
                            engine.appendEvents(List.of(incremented("shared", next)));
                            appended++;
                        } catch (ConcurrencyException | AggregateStreamCreationException conflict) {
                            conflicts.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(2, TimeUnit.MINUTES);
            }
            writers.shutdown();
            List<Long> stored = engine.readEvents("shared").asStream().map(DomainEventMessage::getSequenceNumber).toList();
            boolean contiguous = stored.equals(java.util.stream.LongStream.range(0, 400).boxed().toList());
            boolean allHandled = processing.awaitCountOrStall(400);
            boolean held = contiguous && allHandled && processing.handler.count() == 400;
            return new Outcome("8 threads appending to one aggregate", held,
                               "400 appends accepted after " + conflicts.get() + " conflicts; stored sequence "
                               + (contiguous ? "0..399 without duplicates or holes" : "is " + summary(stored))
                               + "; handled " + processing.handler.count());
        }
    }

    /** A replay from the start: every replayed event is marked as a replay, and new events are not. */
    Outcome replay() throws Exception {
        EventStorageEngine engine = engineUnderTest.create(MongoTestServer.newDatabase());
        for (int i = 0; i < 500; i++) {
            engine.appendEvents(List.of(incremented("replayed-" + (i % 10), i / 10)));
        }
        try (Processing processing = new Processing(engine)) {
            Await.until("the first pass handles 500 events", () -> processing.handler.count() == 500);
            processing.processor.shutDown();
            processing.processor.resetTokens();
            processing.processor.start();
            boolean replayed = processing.awaitCountOrStall(1_000);
            engine.appendEvents(List.of(incremented("after-replay", 0)));
            boolean live = processing.awaitCountOrStall(1_001);
            List<CollectingHandler.Handled> handled = processing.handler.handled();
            long markedReplay = handled.stream().skip(500).limit(500)
                                       .filter(h -> h.status() == ReplayStatus.REPLAY).count();
            boolean lastIsRegular = live && handled.get(handled.size() - 1).status() == ReplayStatus.REGULAR;
            boolean held = replayed && live && handled.size() == 1_001 && markedReplay == 500 && lastIsRegular;
            return new Outcome("replay from the start", held,
                               "replayed " + Math.max(0, Math.min(handled.size(), 1_000) - 500) + " of 500, "
                               + markedReplay + " marked as replay; the new event after it "
                               + (lastIsRegular ? "marked regular" : "not handled as regular"));
        }
    }

    private static void appendInParallel(EventStorageEngine engine, int writers, int perWriter,
                                         EventsForWriter events) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    engine.appendEvents(events.of(writer, i));
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
    }

    interface EventsForWriter {
        List<? extends EventMessage<?>> of(int writer, int index);
    }

    private static boolean perAggregateInOrder(List<CollectingHandler.Handled> handled) {
        Map<String, List<Long>> byAggregate = handled.stream()
                .map(h -> (CounterIncremented) h.payload())
                .collect(Collectors.groupingBy(CounterIncremented::counterId,
                                               Collectors.mapping(CounterIncremented::value, Collectors.toList())));
        return byAggregate.values().stream().allMatch(values -> {
            List<Long> sorted = new ArrayList<>(values);
            sorted.sort(Long::compare);
            return sorted.equals(values);
        });
    }

    private static String summary(List<Long> sequences) {
        return sequences.size() + " events, " + new HashSet<>(sequences).size() + " distinct sequence numbers";
    }

    /** A tracking event processor, as the query side runs them, over an event store on the engine. */
    private static final class Processing implements AutoCloseable {
        final CollectingHandler handler = new CollectingHandler();
        final TrackingEventProcessor processor;
        private final EmbeddedEventStore eventStore;

        Processing(EventStorageEngine engine) {
            eventStore = EmbeddedEventStore.builder().storageEngine(engine)
                                           .fetchDelay(50).timeUnit(TimeUnit.MILLISECONDS)
                                           // as the applications run it: see EventLogAutoConfiguration
                                           .optimizeEventConsumption(false)
                                           .build();
            processor = TrackingEventProcessor.builder()
                    .name("conformance")
                    .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                    .messageSource(eventStore)
                    .tokenStore(new InMemoryTokenStore())
                    .transactionManager(NoTransactionManager.INSTANCE)
                    .trackingEventProcessorConfiguration(
                            TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(100))
                    .build();
            processor.start();
        }

        /** Waits until {@code expected} events are handled, or until nothing more arrives for a while. */
        boolean awaitCountOrStall(int expected) throws InterruptedException {
            Supplier<Integer> count = handler::count;
            int seen = count.get();
            long lastProgress = System.nanoTime();
            while (count.get() < expected) {
                if (count.get() != seen) {
                    seen = count.get();
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                    return false;
                }
                Thread.sleep(10);
            }
            return count.get() == expected;
        }

        @Override
        public void close() {
            processor.shutDown();
            eventStore.shutDown();
        }
    }
}
