package org.planningengine.query.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Role;
import org.planningengine.security.web.LeastRole;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.ReplayRefused;
import org.planningengine.query.views.ViewNotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Rebuilding the projections from the log, and how far each has come. A replay resets each processor's tokens (its
 * reset handlers clear its views) and lets it run through the log again; reads keep being served meanwhile, from
 * views that are filling up. Progress is sampled every second, and logged while a replay runs.
 */
@RestController
@Tag(name = "Projections", description = "The views' projections: their progress, a replay, dead letters")
@RequestMapping("/api/admin/projections")
class ProjectionAdmin implements DisposableBean {

    record ReplayStarted(List<String> processors, String status) {
    }

    /**
     * @param position        the global position up to which the processor has handled every event (the least of its
     *                        segments'): a position it still waits for is not handled, one closed as abandoned is
     * @param lag             positions in the log after that position, so a gap that holds the views shows here
     * @param progress        0–1: of the replay while one runs, else of the whole log
     * @param eventsPerSecond over the last second
     */
    record ProcessorStatus(String name, Long position, Long lag, boolean replaying, BigDecimal progress,
                           long eventsPerSecond, long deadLetters) {
    }

    /** @param remaining dead letters left after the retry (those still failing, and what waits behind them) */
    record Retried(String projection, int retried, long remaining) {
    }

    /**
     * The positions this engine's readers wait for: reserved, and not filled by a commit or closed yet.
     *
     * @param waiting         how many
     * @param oldestPosition  the lowest, null when none
     * @param oldestAgeMillis how long ago, by the log's clock, the oldest was reserved at the latest
     */
    record Gaps(int waiting, Long oldestPosition, long oldestAgeMillis) {
    }

    // Named: another type of the API has the same simple name
    @Schema(name = "ProjectionsStatus")
    record Status(Long head, Gaps gaps, List<ProcessorStatus> projections) {
    }

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdmin.class);
    /** How long a replay waits for the processor to hold its segments: a few claim rounds. */
    private static final Duration SETTLING = Duration.ofSeconds(5);

    private final EventProcessingConfiguration processing;
    private final MongoEventLog eventLog;
    private final ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "projection-admin"));
    private final Map<String, Long> lastPositions = new ConcurrentHashMap<>();
    private final Map<String, Long> rates = new ConcurrentHashMap<>();
    private final MultiGauge segmentLags;

    ProjectionAdmin(EventProcessingConfiguration processing, MongoEventLog eventLog, MeterRegistry meters) {
        this.processing = processing;
        this.eventLog = eventLog;
        segmentLags = MultiGauge.builder("planning.projections.segment.lag")
                                .description("Positions in the log after the one up to which a segment this "
                                             + "replica holds has handled every event")
                                .register(meters);
        background.scheduleWithFixedDelay(this::sample, 1, 1, TimeUnit.SECONDS);
        Gauge.builder("planning.projections.dead.letters", this, admin -> admin.deadLetters(PlanProgress.GROUP))
             .description("Events the plan views could not apply, waiting in the dead-letter queue")
             .tag("projection", PlanProgress.GROUP).register(meters);
    }

    /**
     * Tries every dead letter of the projection again, in order; those that still fail stay, with what waits behind
     * them.
     */
    @Operation(summary = "Retry a projection's dead letters")
    @LeastRole(Role.ADMIN)
    @PostMapping("/{projection}/dead-letters/retry")
    Retried retryDeadLetters(@PathVariable String projection) {
        SequencedDeadLetterProcessor<EventMessage<?>> letters = processing.sequencedDeadLetterProcessor(projection)
                .orElseThrow(() -> new ViewNotFound("projection " + projection + " keeps no dead letters"));
        int retried = 0;
        long before = deadLetters(projection);
        while (retried < before && letters.processAny()) {
            retried++;
        }
        log.info("Retried {} dead letters of projection {}; {} remain", retried, projection, deadLetters(projection));
        return new Retried(projection, retried, deadLetters(projection));
    }

    private long deadLetters(String projection) {
        return processing.deadLetterQueue(projection).map(SequencedDeadLetterQueue::size).orElse(0L);
    }

    /** Answers once every projection is reset and running again; the catching up goes on after the answer. */
    @Operation(summary = "Replay every view from the log")
    @LeastRole(Role.ADMIN)
    @PostMapping("/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ReplayStarted replay() {
        Collection<StreamingEventProcessor> processors = processors().values();
        processors.forEach(ProjectionAdmin::rebuild);
        return new ReplayStarted(processors.stream().map(StreamingEventProcessor::getName).sorted().toList(),
                                 "/api/admin/projections/status");
    }

    @Operation(summary = "The projections' progress and the log's gaps")
    @LeastRole(Role.ADMIN)
    @GetMapping("/status")
    Status status() {
        Long head = head();
        List<ProcessorStatus> statuses = processors().values().stream()
                .map(processor -> status(processor, head))
                .sorted(Comparator.comparing(ProcessorStatus::name)).toList();
        MongoEventLog.GapsWaitedOn gaps = eventLog.gapsWaitedOn();
        return new Status(head, new Gaps(gaps.positions(), gaps.oldestPosition(), gaps.oldestAge().toMillis()),
                          statuses);
    }

    /**
     * A replay resets every segment's token, which another replica holding a segment does not allow: then this one
     * goes on as it was, and the caller is told what to do. It waits until this replica's processor holds every
     * segment it has threads for: Axon 4.12's tracking processor, shut down while its launcher is claiming the last
     * segment, loses that thread for good and claims nothing after it starts again.
     */
    static void rebuild(StreamingEventProcessor processor) {
        if (!settled(processor)) {
            throw new ReplayRefused("projection " + processor.getName() + " is still claiming its segments, or "
                                    + "another query-side replica holds some: try again in a moment; with several "
                                    + "replicas, stop the others, replay on this one, then start them again", null);
        }
        log.info("Replaying projection {} from the start of the log", processor.getName());
        processor.shutDown();
        try {
            processor.resetTokens();
        } catch (UnableToClaimTokenException heldElsewhere) {
            throw new ReplayRefused("another query-side replica holds segments of projection " + processor.getName()
                                    + ": stop the other replicas, replay on this one, then start them again",
                                    heldElsewhere);
        } finally {
            processor.start();
        }
    }

    /** Whether every thread of the processor works a segment, waiting a few claim rounds for it. */
    private static boolean settled(StreamingEventProcessor processor) {
        if (!(processor instanceof TrackingEventProcessor tracking) || !tracking.isRunning()) {
            return true;
        }
        long deadline = System.nanoTime() + SETTLING.toNanos();
        while (tracking.availableProcessorThreads() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private ProcessorStatus status(StreamingEventProcessor processor, Long head) {
        Collection<EventTrackerStatus> segments = processor.processingStatus().values();
        Long position = handledThrough(segments);
        boolean replaying = segments.stream().anyMatch(ProjectionAdmin::replaying);
        Long lag = head == null || position == null ? null : Math.max(0, head - position);
        return new ProcessorStatus(processor.getName(), position, lag, replaying,
                                   progress(segments, position, head, replaying),
                                   rates.getOrDefault(processor.getName(), 0L), deadLetters(processor.getName()));
    }

    private static BigDecimal progress(Collection<EventTrackerStatus> segments, Long position, Long head,
                                       boolean replaying) {
        long target = head == null ? 0 : head;
        if (replaying) {
            target = segments.stream().map(EventTrackerStatus::getResetPosition).filter(OptionalLong::isPresent)
                             .mapToLong(OptionalLong::getAsLong).max().orElse(target);
        }
        if (target <= 0) {
            return BigDecimal.ONE;
        }
        long done = position == null ? 0 : Math.min(position, target);
        return BigDecimal.valueOf(done).divide(BigDecimal.valueOf(target), 4, RoundingMode.DOWN).stripTrailingZeros();
    }

    /**
     * Whether a segment is still short of where the log stood when the replay began. (Axon keeps calling it replaying
     * until the first event after that point, however long the log stays idle.)
     */
    private static boolean replaying(EventTrackerStatus segment) {
        return segment.isReplaying() && segment.getResetPosition().isPresent()
               && segment.getCurrentPosition().orElse(-1) < segment.getResetPosition().getAsLong();
    }

    /** The least position up to which a segment has handled every event, or null before any segment has a token. */
    private Long handledThrough(Collection<EventTrackerStatus> segments) {
        return segments.stream().map(EventTrackerStatus::getTrackingToken).filter(Objects::nonNull)
                       .map(eventLog::handledThrough).min(Long::compare).orElse(null);
    }

    /** The least position the segments' processing has come to, gaps or not: what the rate counts. */
    private static Long reached(Collection<EventTrackerStatus> segments) {
        return segments.stream().map(EventTrackerStatus::getCurrentPosition).filter(OptionalLong::isPresent)
                       .map(OptionalLong::getAsLong).min(Long::compare).orElse(null);
    }

    /** The last position handed out, whether its commit is visible yet or not; null before the first. */
    private Long head() {
        long head = eventLog.headPosition();
        return head < 0 ? null : head;
    }

    private Map<String, StreamingEventProcessor> processors() {
        return processing.eventProcessors().entrySet().stream()
                         .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                         .collect(Collectors.toMap(
                                 Map.Entry::getKey, entry -> (StreamingEventProcessor) entry.getValue()));
    }

    private void sample() {
        try {
            Long head = head();
            List<MultiGauge.Row<?>> lags = new ArrayList<>();
            processors().values().forEach(processor -> {
                processor.processingStatus().forEach((segment, status) -> {
                    if (status.getTrackingToken() != null) {
                        long handled = eventLog.handledThrough(status.getTrackingToken());
                        lags.add(MultiGauge.Row.of(
                                Tags.of("projection", processor.getName(), "segment", String.valueOf(segment)),
                                head == null ? 0 : Math.max(0, head - handled)));
                    }
                });
                Collection<EventTrackerStatus> segments = processor.processingStatus().values();
                Long reached = reached(segments);
                long position = reached == null ? 0 : reached;
                Long before = lastPositions.put(processor.getName(), position);
                rates.put(processor.getName(), before == null ? 0 : Math.max(0, position - before));
                if (segments.stream().anyMatch(ProjectionAdmin::replaying)) {
                    log.info("Replaying projection {}: at position {}, {} events/s", processor.getName(), position,
                             rates.get(processor.getName()));
                }
            });
            segmentLags.register(lags, true); // only the segments this replica holds now
        } catch (RuntimeException failure) {
            log.warn("Could not sample the projections' progress", failure);
        }
    }

    @Override
    public void destroy() {
        background.shutdownNow();
    }
}
