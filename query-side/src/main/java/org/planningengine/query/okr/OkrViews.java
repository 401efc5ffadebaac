package org.planningengine.query.okr;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.planningengine.query.views.AggregateViews;
import org.planningengine.query.views.ViewLogs;
import org.planningengine.query.views.ViewSets;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The documents the OKR projection keeps, each read by key: {@code view_objectives}, one per objective with its key
 * results (their latest check-in and grade); {@code view_key_result_check_ins}, one per key result, every check-in,
 * and {@code view_objective_reviews}, one per objective, every review (lists that grow with the events, kept out of
 * the objective's versions: {@link ViewLogs}); {@code view_cycle_objectives}, one per cycle, its objectives; and
 * {@code view_key_result_links}, one per key result, the initiatives linked to it.
 */
@Component
public class OkrViews {

    public static final String OBJECTIVES = "view_objectives";
    public static final String CYCLE_OBJECTIVES = "view_cycle_objectives";
    public static final String KEY_RESULT_LINKS = "view_key_result_links";
    public static final String CHECK_INS = "view_key_result_check_ins";
    public static final String REVIEWS = "view_objective_reviews";

    private final AggregateViews objectives;
    private final ViewLogs checkIns;
    private final ViewLogs reviews;
    private final ViewSets cycleObjectives;
    private final ViewSets keyResultLinks;

    public OkrViews(MongoDatabase planningDatabase) {
        this.objectives = new AggregateViews(planningDatabase, OBJECTIVES);
        this.cycleObjectives = new ViewSets(planningDatabase, CYCLE_OBJECTIVES);
        this.keyResultLinks = new ViewSets(planningDatabase, KEY_RESULT_LINKS);
        this.checkIns = new ViewLogs(planningDatabase, CHECK_INS);
        this.reviews = new ViewLogs(planningDatabase, REVIEWS);
    }

    public static String keyResultId(String objectiveId, String keyResultId) {
        return objectiveId + "/" + keyResultId;
    }

    /**
     * The OKR documents of a cycle as of the instant (now, for none), each read by key: its objectives by id, and by
     * {@link #keyResultId} the initiatives linked to each key result and its check-ins; its reviews by objective id.
     */
    public CycleDocuments ofCycle(String cycleId, Instant asOf) {
        List<String> ids = cycleObjectives.find(cycleId).map(set -> ViewSets.members(set, asOf)).orElse(List.of());
        Map<String, Document> found = objectives.findAll(ids, asOf);
        List<String> keyResultIds = found.values().stream().flatMap(
                objective -> objective.getList("keyResults", Document.class).stream().map(
                        keyResult -> keyResultId(objective.getString("_id"), keyResult.getString("keyResultId"))))
                                         .toList();
        return new CycleDocuments(found, keyResultLinks.findAll(keyResultIds), checkIns.findAll(keyResultIds),
                                  reviews.findAll(found.keySet()));
    }

    public record CycleDocuments(Map<String, Document> objectives, Map<String, Document> keyResultLinks,
                                 Map<String, Document> checkIns, Map<String, Document> reviews) {
    }

    /** An objective's document as it is now. */
    public Document objective(String objectiveId) {
        return objectives.find(objectiveId).orElseThrow();
    }

    /** An objective's document as of the instant (now, for none), or a 404 for the read. */
    public Document objective(String objectiveId, Instant asOf) {
        return objectives.require("objective", objectiveId, asOf);
    }

    AggregateViews objectives() {
        return objectives;
    }

    ViewSets cycleObjectives() {
        return cycleObjectives;
    }

    ViewSets keyResultLinks() {
        return keyResultLinks;
    }

    /** By {@link #keyResultId}. */
    ViewLogs checkIns() {
        return checkIns;
    }

    /** By objective id. */
    ViewLogs reviews() {
        return reviews;
    }
}
