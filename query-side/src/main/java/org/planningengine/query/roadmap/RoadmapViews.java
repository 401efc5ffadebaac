package org.planningengine.query.roadmap;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.planningengine.query.views.AggregateViews;
import org.planningengine.query.views.ViewSets;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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
        this.initiatives = new AggregateViews(planningDatabase, INITIATIVES);
        this.roadmaps = new ViewSets(planningDatabase, ROADMAPS);
    }

    AggregateViews initiatives() {
        return initiatives;
    }

    ViewSets roadmaps() {
        return roadmaps;
    }

    /** The documents of the initiatives on the cycle's roadmap as of the instant (now, for none). */
    public List<Document> onRoadmap(String cycleId, Instant asOf) {
        List<String> ids = roadmaps.find(cycleId).map(set -> ViewSets.members(set, asOf)).orElse(List.of());
        // As of an instant, those that ever were on the roadmap, and were in the cycle then.
        return initiatives.findAll(ids, asOf).values().stream()
                          .filter(initiative -> cycleId.equals(initiative.getString("cycleId"))).toList();
    }

    /** Initiatives' documents by id, as of the instant if one. */
    public Map<String, Document> initiatives(Collection<String> ids, Instant asOf) {
        return initiatives.findAll(ids, asOf);
    }

    /** The initiative's document as of the instant (now, for none), or a 404 for the read. */
    public Document initiative(String initiativeId, Instant asOf) {
        return initiatives.require("initiative", initiativeId, asOf);
    }

    /** Whether the initiative's document links it to the key result. */
    public static boolean links(Document initiative, String objectiveId, String keyResultId) {
        return initiative.getList("keyResults", Document.class).stream().anyMatch(
                link -> objectiveId.equals(link.getString("objectiveId"))
                        && keyResultId.equals(link.getString("keyResultId")));
    }
}
