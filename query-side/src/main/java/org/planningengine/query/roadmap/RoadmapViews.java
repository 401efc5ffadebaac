package org.planningengine.query.roadmap;

import com.mongodb.client.MongoDatabase;
import org.planningengine.query.views.AggregateViews;
import org.planningengine.query.views.ViewSets;
import org.springframework.stereotype.Component;

/**
 * The documents the roadmap projection keeps, each read by key: {@code view_initiatives}, one per initiative (cycle,
 * team, RICE, status, links, dependencies), and {@code view_roadmaps}, one per cycle, the ids on its roadmap.
 */
@Component
public class RoadmapViews {

    public static final String INITIATIVES = "view_initiatives";
    public static final String ROADMAPS = "view_roadmaps";

    private final AggregateViews initiatives;
    private final ViewSets roadmaps;

    public RoadmapViews(MongoDatabase planningDatabase) {
        this.initiatives = new AggregateViews(planningDatabase.getCollection(INITIATIVES));
        this.roadmaps = new ViewSets(planningDatabase.getCollection(ROADMAPS));
    }

    AggregateViews initiatives() {
        return initiatives;
    }

    ViewSets roadmaps() {
        return roadmaps;
    }
}
