package org.planningengine.standalone.http;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.planningengine.query.capacity.CapacityViews;
import org.planningengine.query.cycle.CycleViews;
import org.planningengine.query.decision.DecisionProjection;
import org.planningengine.query.okr.OkrViews;
import org.planningengine.query.lesson.LessonProjection;
import org.planningengine.query.roadmap.RoadmapViews;
import org.planningengine.query.team.TeamViews;
import org.planningengine.query.views.AggregateViews;
import org.planningengine.query.views.PlanProgress;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan views (cycles, roadmaps, capacity) are a function of the log: a full replay rebuilds them byte for byte, and events delivered a
 * second time (a restart after handling them but before storing the token) change nothing.
 */
class PlanViewsReplayTest extends HttpTestBase {

    @Autowired
    TokenStore tokenStore;

    /** The first write of those the redelivery repeats: everything after the initiatives were proposed. */
    private HttpApi.Response rescored;

    @Test
    void aFullReplayAndARedeliveryGiveTheSameViewsByteForByte() {
        HttpApi.Response last = planAWeekOfChanges();
        Map<String, List<String>> live = views();

        StreamingEventProcessor processor = roadmapProcessor();
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        awaitViews(last);
        assertThat(views()).isEqualTo(live);

        processor.shutDown();
        // As if the processor had stopped after handling the re-score and what followed, but before storing its token.
        tokenStore.storeToken(GapAwareTrackingToken.newInstance(rescored.position() - 1, Set.of()),
                              PlanProgress.GROUP, 0);
        processor.start();
        awaitViews(last);
        assertThat(views()).isEqualTo(live);
    }

    private HttpApi.Response planAWeekOfChanges() {
        api.write("/api/cycles", """
                {"id": "replay-s1", "name": "Replayed", "startDate": "2029-04-01", "endDate": "2029-09-30"}""");
        api.write("/api/cycles", """
                {"id": "replay-s2", "name": "Next", "startDate": "2029-10-01", "endDate": "2030-03-31"}""");
        api.write("/api/teams", """
                {"id": "replay-team", "name": "Replay team"}""");
        for (String id : List.of("replay-a", "replay-b", "replay-c", "replay-d")) {
            api.write("/api/initiatives", """
                    {"id": "%s", "cycleId": "replay-s1", "teamId": "replay-team", "title": "%s", "category": "KTLO",
                     "description": "replayed"}""".formatted(id, id.toUpperCase()));
            api.write("/api/initiatives/" + id + "/score", """
                    {"reach": 120, "impact": 2, "confidence": 0.8, "effort": 3, "reason": "first look"}""");
        }
        rescored = api.write("/api/initiatives/replay-b/score", """
                {"reach": 13, "impact": 0.25, "confidence": 0.33, "effort": 7, "reason": "second look"}""");
        api.write("/api/initiatives/replay-a/dependencies", """
                {"dependsOn": "replay-b"}""");
        api.write("/api/objectives", """
                {"id": "replayable", "cycleId": "replay-s1", "ownerTeamId": "replay-team", "title": "Replayable"}""");
        api.write("/api/objectives/replayable/key-results", """
                {"id": "identical", "title": "Identical views", "metric": "mismatches", "unit": "#",
                 "baseline": 5, "target": 0, "spaceDimension": "EFFICIENCY"}""");
        api.write("/api/objectives/replayable/key-results/identical/check-ins", """
                {"value": 2, "confidence": 0.8, "comment": "two left"}""");
        api.write("/api/objectives/replayable/reviews", """
                {"outcome": "ADJUST", "reason": "sharper", "changes": {"title": "Replayable, byte for byte"}}""");
        api.write("/api/lessons", """
                {"cycleId": "replay-s1", "subjectId": "replay-a", "text": "Replays are cheap", "tags": ["replay"]}""");
        api.write("/api/initiatives/replay-a/key-results", """
                {"objectiveId": "replayable", "keyResultId": "identical"}""");
        api.write("/api/initiatives/replay-a/commit", null);
        api.replace("/api/cycles/replay-s1/teams/replay-team/capacity", """
                {"personWeeks": 20, "reason": "four people"}""");
        api.write("/api/cycles/replay-s1/teams/replay-team/allocations", """
                {"initiativeId": "replay-a", "personWeeks": 12, "override": {"reason": "all in on A"}}""");
        api.replace("/api/cycles/replay-s1/teams/replay-team/policy", """
                {"policy": {"buckets": [{"name": "new", "categories": ["NEW_INITIATIVE"], "share": 20},
                                        {"name": "run", "categories": ["KTLO", "TEAM_INITIATIVE"], "share": 80}],
                            "tolerance": 0},
                 "reason": "mostly upkeep"}""");
        api.write("/api/cycles/replay-s1/teams/replay-team/allocations", """
                {"initiativeId": "replay-b", "personWeeks": 3.5}""");
        api.write("/api/cycles/replay-s1/teams/replay-team/allocations", """
                {"initiativeId": "replay-a", "personWeeks": 0}""");
        api.replace("/api/cycles/replay-s1/policy", """
                {"policy": {"buckets": [{"name": "all", "categories": ["NEW_INITIATIVE", "KTLO", "TEAM_INITIATIVE"],
                                         "share": 100}], "tolerance": 0},
                 "reason": "one pot"}""");
        api.write("/api/initiatives/replay-c/drop", """
                {"reason": "not worth it"}""");
        api.write("/api/initiatives/replay-d/defer", """
                {"toCycleId": "replay-s2", "reason": "later"}""");
        HttpApi.Response committed = api.write("/api/cycles/replay-s1/commit", null);
        awaitViews(committed);
        return committed;
    }

    /** Every view document as JSON, by collection, in id order. */
    private Map<String, List<String>> views() {
        Map<String, List<String>> views = new LinkedHashMap<>();
        List<String> versioned = List.of(CycleViews.COLLECTION, RoadmapViews.INITIATIVES, CapacityViews.TEAM_PLANS,
                                         OkrViews.OBJECTIVES, LessonProjection.LESSONS, TeamViews.COLLECTION);
        List<String> names = new ArrayList<>(versioned);
        versioned.forEach(name -> names.add(AggregateViews.historyOf(name)));
        names.addAll(List.of(RoadmapViews.ROADMAPS, CapacityViews.CYCLE_TEAMS, CapacityViews.OVERRIDES,
                             OkrViews.CYCLE_OBJECTIVES, OkrViews.KEY_RESULT_LINKS, OkrViews.CHECK_INS, OkrViews.REVIEWS,
                             LessonProjection.CYCLE_LESSONS, DecisionProjection.COLLECTION));
        for (String name : names) {
            List<String> documents = new ArrayList<>();
            database.getCollection(name).find().sort(new Document("_id", 1))
                    .forEach(document -> documents.add(document.toJson()));
            views.put(name, documents);
        }
        return views;
    }

    private StreamingEventProcessor roadmapProcessor() {
        return processing.eventProcessor(PlanProgress.GROUP, StreamingEventProcessor.class).orElseThrow();
    }
}
