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
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads in a scenario. Before each, the scenario's views are brought up to its branch: the branch's events after
 * the last one they reflect go through the plan's own projections, in the scenario's {@link ViewScope}; so a read
 * after a write into the scenario always reflects it, on any replica, and a scenario costs nothing until read.
 * The projections' writes are idempotent, so two replicas bringing one scenario up at once agree.
 */
@Component
public class ScenarioBranches {

    private static final String PROGRESS = "progress";

    private final MongoEventLog log;
    private final ScenarioViews scenarios;
    private final MongoDatabase database;
    private final ApplicationContext context;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private volatile List<EventMessageHandler> projections;

    public ScenarioBranches(MongoEventLog log, ScenarioViews scenarios, MongoDatabase planningDatabase,
                            ApplicationContext context) {
        this.log = log;
        this.scenarios = scenarios;
        this.database = planningDatabase;
        this.context = context;
    }

    /** Does the work in the scenario's views, brought up to its branch first; a 404 for no such scenario. */
    public <T> T read(String scenarioId, Supplier<T> work) {
        ViewScope scope = ScenarioViews.scopeOf(scenarios.require(scenarioId));
        synchronized (locks.computeIfAbsent(scenarioId, id -> new Object())) {
            ViewScope.within(scope, () -> {
                catchUp(scope);
                return null;
            });
        }
        return ViewScope.within(scope, work);
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
