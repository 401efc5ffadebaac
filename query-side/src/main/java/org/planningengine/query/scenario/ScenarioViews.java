package org.planningengine.query.scenario;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.planningengine.query.views.AggregateViews;
import org.planningengine.query.views.ViewScope;
import org.planningengine.query.views.ViewTime;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code view_scenarios}: one document per scenario, its cycle, name, fork, team and status, with who forked,
 * discarded or applied it, when and why. A view of the plan's: read the same from within a scenario.
 */
@Component
public class ScenarioViews extends AggregateViews {

    public static final String COLLECTION = "view_scenarios";

    public ScenarioViews(MongoDatabase planningDatabase) {
        super(planningDatabase, COLLECTION);
    }

    /** The scenario, or a 404. */
    public Document require(String scenarioId) {
        return ViewScope.ofThePlan(() -> require("scenario", scenarioId, null));
    }

    public List<Document> every() {
        return ViewScope.ofThePlan(this::all);
    }

    public static ViewScope scopeOf(Document scenario) {
        return new ViewScope(scenario.getString("_id"), ViewTime.parse(scenario.getString("forkedAt")));
    }
}
