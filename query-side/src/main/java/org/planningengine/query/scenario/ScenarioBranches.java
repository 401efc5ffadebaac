package org.planningengine.query.scenario;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessageHandler;
import org.bson.Document;
import org.planningengine.eventlog.Branch;
import org.planningengine.eventlog.BranchEvent;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.ViewScope;
import org.planningengine.query.views.ViewNotReady;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads in a scenario: its views, and the log as its branch has it (for the histories). Before each, the
 * scenario's views are brought up to its branch: the branch's events after the last one they reflect go through
 * the plan's own projections, in the scenario's {@link ViewScope}; so a read after a write into the scenario always
 * reflects it, on any replica, and a scenario costs nothing until read.
 * The projections' writes are idempotent, so two replicas bringing one scenario up at once agree.
 * <p>
 * What a scenario has not changed is the plan's views as of its fork, so a scenario is read only once those reflect
 * the fork (or all of the log): not while they lag behind it, nor while a replay rebuilds them.
 */
@Component
public class ScenarioBranches {

    private static final String PROGRESS = "progress";
    private static final long POLL_MILLIS = 10;

    private final MongoEventLog log;
    private final ScenarioViews scenarios;
    private final MongoDatabase database;
    private final ApplicationContext context;
    private final PlanProgress progress;
    private final Duration wait;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private volatile List<EventMessageHandler> projections;

    public ScenarioBranches(MongoEventLog log, ScenarioViews scenarios, MongoDatabase planningDatabase,
                            ApplicationContext context, PlanProgress progress,
                            @Value("${planning.query.consistency-wait:5s}") Duration wait) {
        this.log = log;
        this.scenarios = scenarios;
        this.database = planningDatabase;
        this.context = context;
        this.progress = progress;
        this.wait = wait;
    }

    /** Does the work in the scenario's views, brought up to its branch first; a 404 for no such scenario. */
    public <T> T read(String scenarioId, Supplier<T> work) {
        ViewScope scope = ScenarioViews.scopeOf(scenario(scenarioId));
        awaitThePlanAt(scope.forkedAt());
        synchronized (locks.computeIfAbsent(scenarioId, id -> new Object())) {
            ViewScope.within(scope, () -> {
                catchUp(scope);
                return null;
            });
        }
        // The histories read the log itself: in a scenario, its branch.
        return ViewScope.within(scope, () -> log.onBranch(new Branch(scope.scenarioId(), scope.forkedAt()), work));
    }

    /** The scenario as the views know it, or a 404; one they do not know yet is waited for while they are behind. */
    public Document scenario(String scenarioId) {
        if (ViewScope.ofThePlan(() -> scenarios.find(scenarioId)).isEmpty()) {
            awaitThePlanAt(Instant.now()); // forked after what the views reflect, or a replay is rebuilding them
        }
        return scenarios.require(scenarioId);
    }

    private void awaitThePlanAt(Instant fork) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!progress.asOf().map(reached -> !reached.isBefore(fork)).orElse(false)
               && !progress.reflects(log.headPosition())) {
            if (System.nanoTime() > deadline) {
                throw new ViewNotReady("the plan's views do not reflect the scenario's fork yet (they are behind the "
                                       + "log, or being rebuilt); try again");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                throw new ViewNotReady("interrupted while waiting for the plan's views");
            }
        }
    }

    private void catchUp(ViewScope scope) {
        MongoCollection<Document> progress = ViewScope.collection(database, PROGRESS);
        Document through = progress.find(Filters.eq("_id", PROGRESS)).first();
        long after = through == null ? -1 : through.get("position", Number.class).longValue();
        List<BranchEvent> events = log.branchEvents(new Branch(scope.scenarioId(), scope.forkedAt()), after);
        for (BranchEvent event : events) {
            for (EventMessageHandler projection : projections()) {
                if (projection.canHandle(event.message())) {
                    try {
                        projection.handle(event.message());
                    } catch (Exception failed) {
                        throw new IllegalStateException("A scenario's event could not be projected: "
                                                        + event.message().getPayloadType().getSimpleName(), failed);
                    }
                }
            }
            after = event.position();
        }
        if (!events.isEmpty()) {
            progress.replaceOne(Filters.eq("_id", PROGRESS), new Document("_id", PROGRESS).append("position", after),
                                new ReplaceOptions().upsert(true));
        }
    }

    /** The plan's projections, but the scenarios' own, whose events are never on a branch. */
    private List<EventMessageHandler> projections() {
        if (projections == null) {
            projections = context.getBeansWithAnnotation(ProcessingGroup.class).values().stream()
                    .filter(bean -> !(bean instanceof ScenarioProjection))
                    .filter(bean -> PlanProgress.GROUP.equals(
                            bean.getClass().getAnnotation(ProcessingGroup.class) == null ? null
                            : bean.getClass().getAnnotation(ProcessingGroup.class).value()))
                    .<EventMessageHandler>map(AnnotationEventHandlerAdapter::new).toList();
        }
        return projections;
    }
}
