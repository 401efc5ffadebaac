package org.planningengine.query.replicas;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.planningengine.query.views.PlanProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shares the plan views' segments among the query-side replicas. Axon lets whichever replica asks first claim a
 * free segment, so the first one up takes them all; every replica here says it is alive (collection
 * {@code query_replicas}) and, holding more than its share of the segments, lets the extra ones go for a while,
 * for the others to claim. A replica that dies stops saying so, its claims lapse, and the others take its segments.
 */
@Component
class SegmentBalancer implements SmartLifecycle {

    static final String COLLECTION = "query_replicas";
    private static final Logger log = LoggerFactory.getLogger(SegmentBalancer.class);

    private final MongoCollection<Document> replicas;
    private final EventProcessingConfiguration processing;
    private final int segments;
    private final Duration interval;
    private final Clock clock = Clock.systemUTC();
    private final String self = ManagementFactory.getRuntimeMXBean().getName();
    private ScheduledExecutorService scheduler;

    SegmentBalancer(MongoDatabase planningDatabase, EventProcessingConfiguration processing, Replication replication) {
        this.replicas = planningDatabase.getCollection(COLLECTION);
        this.processing = processing;
        this.segments = replication.segments();
        this.interval = replication.claimInterval();
    }

    @Override
    public void start() {
        if (segments < 2) {
            return; // one segment: nothing to share
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "segment-balancer"));
        scheduler.scheduleWithFixedDelay(this::balance, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        replicas.deleteOne(Filters.eq("_id", self));
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }

    void balance() {
        try {
            replicas.replaceOne(Filters.eq("_id", self), new Document("_id", self).append("seenAt", now()),
                                new ReplaceOptions().upsert(true));
            // Alive: seen within three rounds. A handful of documents, so the range scans nothing large.
            long alive = replicas.countDocuments(Filters.gt("seenAt", Date.from(clock.instant()
                                                                                      .minus(interval.multipliedBy(3)))));
            StreamingEventProcessor plan = processing.eventProcessor(PlanProgress.GROUP, StreamingEventProcessor.class)
                                                     .orElseThrow();
            List<Integer> held = plan.processingStatus().keySet().stream().sorted(Comparator.reverseOrder()).toList();
            long share = alive == 0 ? segments : (segments + alive - 1) / alive;
            for (Integer segment : held.subList(0, (int) Math.max(0, held.size() - share))) {
                log.info("Releasing segment {} of {} for another replica ({} alive, a share of {})",
                         segment, PlanProgress.GROUP, alive, share);
                plan.releaseSegment(segment, interval.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (RuntimeException failure) {
            log.warn("Could not balance the segments this round; trying again", failure);
        }
    }

    private Date now() {
        return Date.from(clock.instant());
    }
}
