package org.planningengine.query.roadmap;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.planningengine.query.views.AggregateViews;
import org.planningengine.query.views.ViewProgress;
import org.planningengine.query.views.ViewTime;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The documents the roadmap projection keeps, each read by key:
 * <ul>
 *     <li>{@code view_cycles}: one per cycle (name, dates, policy, status);</li>
 *     <li>{@code view_initiatives}: one per initiative (cycle, team, RICE, status, links, dependencies);</li>
 *     <li>{@code view_roadmaps}: one per cycle, the ids of the initiatives on its roadmap;</li>
 *     <li>{@code view_progress}: the time of the latest event applied.</li>
 * </ul>
 */
@Component
public class PlanViews {

    public static final String CYCLES = "view_cycles";
    public static final String INITIATIVES = "view_initiatives";
    public static final String ROADMAPS = "view_roadmaps";
    public static final String PROGRESS = "view_progress";
    public static final List<String> COLLECTIONS = List.of(CYCLES, INITIATIVES, ROADMAPS);

    private static final String MEMBERS = "initiatives";

    private final AggregateViews cycles;
    private final AggregateViews initiatives;
    private final MongoCollection<Document> roadmaps;
    private final ViewProgress progress;

    public PlanViews(MongoDatabase planningDatabase) {
        this.cycles = new AggregateViews(planningDatabase.getCollection(CYCLES));
        this.initiatives = new AggregateViews(planningDatabase.getCollection(INITIATIVES));
        this.roadmaps = planningDatabase.getCollection(ROADMAPS);
        this.progress = new ViewProgress(planningDatabase.getCollection(PROGRESS));
    }

    AggregateViews cycles() {
        return cycles;
    }

    AggregateViews initiatives() {
        return initiatives;
    }

    ViewProgress progress() {
        return progress;
    }

    /** Puts an initiative on a cycle's roadmap; doing it twice changes nothing. */
    void enter(String cycleId, String initiativeId, Instant at) {
        roadmaps.updateOne(Filters.eq("_id", cycleId),
                           Updates.combine(Updates.addToSet(MEMBERS, initiativeId),
                                           Updates.max(AggregateViews.LAST_EVENT_AT, ViewTime.format(at))),
                           new UpdateOptions().upsert(true));
    }

    /** Takes an initiative off a cycle's roadmap; doing it twice changes nothing. */
    void leave(String cycleId, String initiativeId, Instant at) {
        roadmaps.updateOne(Filters.eq("_id", cycleId),
                           Updates.combine(Updates.pull(MEMBERS, initiativeId),
                                           Updates.max(AggregateViews.LAST_EVENT_AT, ViewTime.format(at))),
                           new UpdateOptions().upsert(true));
    }

    /** The ids on a cycle's roadmap and when it last changed; empty when none ever entered. */
    Optional<Document> roadmap(String cycleId) {
        return Optional.ofNullable(roadmaps.find(Filters.eq("_id", cycleId)).first());
    }

    static List<String> members(Document roadmap) {
        return roadmap.getList(MEMBERS, String.class, List.of());
    }

    void clear(String projection) {
        cycles.clear();
        initiatives.clear();
        roadmaps.deleteMany(new Document());
        progress.clear(projection);
    }
}
