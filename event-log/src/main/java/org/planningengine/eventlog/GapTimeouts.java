package org.planningengine.eventlog;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decides when a position that readers have passed but never saw (a gap) is given up: only after this node has
 * seen it missing for the whole timeout. The clock is the reader's own, so writers' clock skew cannot make a
 * reader give up early; after a restart a gap simply gets a fresh timeout, which errs on the side of waiting.
 */
final class GapTimeouts {

    private static final Logger log = LoggerFactory.getLogger(GapTimeouts.class);

    private final Duration timeout;
    private final Map<Long, Instant> missingSince = new ConcurrentHashMap<>();
    private final Set<Long> givenUp = ConcurrentHashMap.newKeySet();
    private final Counter givenUpCounter;
    private final Counter lateCounter;

    GapTimeouts(Duration timeout, MeterRegistry meters) {
        this.timeout = timeout;
        this.givenUpCounter = Counter.builder("planning.eventlog.gaps.given.up")
                                     .description("Positions the event log stopped waiting for")
                                     .register(meters);
        this.lateCounter = Counter.builder("planning.eventlog.gaps.filled.late")
                                  .description("Events that became visible after their position was given up")
                                  .register(meters);
        Gauge.builder("planning.eventlog.gaps.waiting", missingSince, Map::size)
             .description("Positions readers are waiting for")
             .register(meters);
    }

    /** Whether readers stop waiting for the event at this position, as of now. */
    boolean givesUp(long position, Instant now) {
        if (givenUp.contains(position)) {
            return true;
        }
        Instant since = missingSince.computeIfAbsent(position, p -> now);
        if (Duration.between(since, now).compareTo(timeout) < 0) {
            return false;
        }
        if (givenUp.add(position)) {
            missingSince.remove(position);
            givenUpCounter.increment();
            log.warn("Gave up waiting for the event at position {}: it was missing for {} (gap timeout). "
                     + "A commit that lands there later will not reach processors that have moved on.",
                     position, timeout);
        }
        return true;
    }

    /** The positions became visible. */
    void filled(long first, long last) {
        for (long position = first; position <= last; position++) {
            missingSince.remove(position);
            if (givenUp.remove(position)) {
                lateCounter.increment();
                log.error("The event at position {} became visible after its gap was given up; "
                          + "processors that gave up did not see it. Replay them or raise the gap timeout.", position);
            }
        }
    }
}
