package org.planningengine.eventlog;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The embedded event store with a stream of its own for each processor. Axon's shared cache finds a reader's place by
 * token equality, which gap-aware tokens defeat, and its private streams learn of new events only by timing out
 * (a second). Here a processor waiting for events wakes the moment a commit of this JVM lands, and looks again every
 * {@code pollInterval} for commits of other JVMs (key lookups, cheap on any MongoDB).
 */
public class TailingEventStore extends EmbeddedEventStore {

    private final long pollNanos;
    private final Lock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private long commits;

    public TailingEventStore(Builder builder, Duration pollInterval) {
        super(builder);
        this.pollNanos = pollInterval.toNanos();
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
        lock.lock();
        try {
            commits++;
            appended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new Tail(trackingToken);
    }

    /** Reads from the log after its last token; when it runs dry, waits for a commit or the poll interval. */
    private final class Tail implements TrackingEventStream {

        private TrackingToken lastToken;
        private Stream<? extends TrackedEventMessage<?>> stream;
        private Iterator<? extends TrackedEventMessage<?>> iterator;
        private TrackedEventMessage<?> peeked;

        private Tail(TrackingToken from) {
            this.lastToken = from;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return Optional.ofNullable(peeked != null || fetch() ? peeked : null);
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (peeked == null) {
                long seen = commitsSoFar();
                if (fetch()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                awaitCommitAfter(seen, Math.min(left, pollNanos));
            }
            return true;
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(Integer.MAX_VALUE, TimeUnit.MILLISECONDS)) {
                Thread.onSpinWait();
            }
            TrackedEventMessage<?> next = peeked;
            peeked = null;
            return next;
        }

        @Override
        public void close() {
            if (stream != null) {
                stream.close();
            }
            stream = null;
            iterator = null;
        }

        /** The next event after the last token, read afresh once the previous read ran dry. */
        private boolean fetch() {
            if (iterator == null) {
                stream = storageEngine().readEvents(lastToken, false);
                iterator = stream.iterator();
            }
            if (iterator.hasNext()) {
                peeked = iterator.next();
                lastToken = peeked.trackingToken();
                return true;
            }
            close();
            return false;
        }
    }

    private long commitsSoFar() {
        lock.lock();
        try {
            return commits;
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a commit after the one seen, or the time given, whichever comes first. */
    private void awaitCommitAfter(long seen, long nanos) throws InterruptedException {
        lock.lock();
        try {
            if (commits == seen) {
                appended.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }
}
