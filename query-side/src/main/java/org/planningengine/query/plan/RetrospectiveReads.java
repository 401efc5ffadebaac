package org.planningengine.query.plan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Role;
import org.planningengine.security.web.LeastRole;
import org.bson.Document;
import org.planningengine.events.initiative.InitiativeStatus;
import org.planningengine.query.capacity.TeamCapacity.Totals;
import org.planningengine.query.decision.DecisionReads;
import org.planningengine.query.decision.DecisionReads.Decision;
import org.planningengine.query.lesson.LessonProjection;
import org.planningengine.query.plan.CapacityReads.CapacityAnswer;
import org.planningengine.query.plan.OkrReads.OkrAnswer;
import org.planningengine.query.plan.RoadmapReads.RoadmapAnswer;
import org.planningengine.query.roadmap.RoadmapDiff;
import org.planningengine.query.views.AsOf;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.ViewTime;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A cycle's retrospective, generated from what happened: the initiatives committed, done, dropped and deferred,
 * planned (at the plan's commit) against actual capacity shares, the objectives' grades, every decision in order,
 * the churn, and the lessons. Like every cycle view, it can be read as of a past instant.
 */
@RestController
@Tag(name = "Retrospective")
public class RetrospectiveReads {

    /** Distinct initiatives of the cycle with each kind of decision; droppedAfterCommit were committed first. */
    public record Initiatives(int committed, int done, int dropped, int deferred, int droppedAfterCommit) {
    }

    /** The organisation's capacity when the plan was committed (null before) and now. */
    public record CapacityPlanVsActual(Instant plannedAt, Totals planned, Totals actual) {
    }

    public record ObjectiveResult(String objectiveId, String title, String status, BigDecimal progress,
                                  BigDecimal grade) {
    }

    /**
     * @param rescores         scores that replaced earlier ones
     * @param rankChanges      initiatives whose rank moved between the plan's commit and now
     * @param dropsAfterCommit drops after the plan was committed
     */
    public record Churn(int rescores, int rankChanges, int dropsAfterCommit) {
    }

    public record Lesson(String lessonId, Instant at, String actor, String subjectId, String text,
                         List<String> tags) {
    }

    /** An initiative committed or in progress, not done: by name, with its team and what it holds of its capacity. */
    public record Unfinished(String initiativeId, String title, String teamId, String status,
                             BigDecimal allocatedPersonWeeks) {
    }

    /** @param unfinished the work committed but not done (committed or in progress), in the roadmap's order */
    public record Retrospective(String cycleId, Instant asOf, Instant lastEventAt, Initiatives initiatives,
                                List<Unfinished> unfinished, CapacityPlanVsActual capacity,
                                List<ObjectiveResult> objectives, List<Decision> decisions, Churn churn,
                                List<Lesson> lessons) {
    }

    /** What a close would leave unfinished now (or left, as of an instant after it). */
    public record UnfinishedAnswer(String cycleId, Instant asOf, Instant lastEventAt, List<Unfinished> initiatives) {
    }

    private static final Set<String> UNFINISHED = Set.of(InitiativeStatus.COMMITTED.name(),
                                                         InitiativeStatus.IN_PROGRESS.name());

    private final RoadmapReads roadmaps;
    private final CapacityReads capacity;
    private final OkrReads okrs;
    private final DecisionReads decisionLog;
    private final LessonProjection lessons;
    private final PlanProgress progress;

    public RetrospectiveReads(RoadmapReads roadmaps, CapacityReads capacity, OkrReads okrs, DecisionReads decisionLog,
                       LessonProjection lessons, PlanProgress progress) {
        this.roadmaps = roadmaps;
        this.capacity = capacity;
        this.okrs = okrs;
        this.decisionLog = decisionLog;
        this.lessons = lessons;
        this.progress = progress;
    }

    @Operation(summary = "A cycle's retrospective: planned against done, lessons, overrides")
    @LeastRole(Role.VIEWER)
    @GetMapping("/api/cycles/{cycleId}/retrospective")
    public Retrospective retrospective(@PathVariable String cycleId,
                                @RequestParam(name = AsOf.PARAMETER, required = false) String asOfParameter) {
        Instant asOf = AsOf.parse(asOfParameter);
        CapacityAnswer actual = capacity.capacityAt(cycleId, asOf);
        List<Decision> decisions = decisionLog.ofCycle(cycleId, asOf);
        Instant plannedAt = decisions.stream().filter(decision -> decision.type().equals("PlanCommitted"))
                                     .map(Decision::at).findFirst().orElse(null);
        OkrAnswer okrView = okrs.okrsAt(cycleId, asOf);
        List<ObjectiveResult> objectives = okrView.objectives().stream().map(
                objective -> new ObjectiveResult(objective.objectiveId(), objective.title(), objective.status(),
                                                 objective.progress(), objective.grade())).toList();
        List<Lesson> learned = lessons.lessonsOf(cycleId, asOf).stream().map(RetrospectiveReads::lesson).toList();
        Instant lastEventAt = Stream.of(actual.lastEventAt(), okrView.lastEventAt(),
                                        decisions.isEmpty() ? null : decisions.get(decisions.size() - 1).at(),
                                        learned.isEmpty() ? null : learned.get(learned.size() - 1).at())
                                    .filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        return new Retrospective(
                cycleId, progress.asOf(asOf), lastEventAt, initiatives(decisions),
                unfinished(roadmaps.roadmapAt(cycleId, asOf)),
                new CapacityPlanVsActual(plannedAt, plannedAt == null ? null
                                                                      : capacity.capacityAt(cycleId, plannedAt)
                                                                                .organisation(),
                                         actual.organisation()),
                objectives, decisions, churn(cycleId, decisions, plannedAt, asOf), learned);
    }

    /**
     * The work of the cycle committed or in progress: what closing it would leave unfinished, to look at before the
     * close (the close itself records what it left, in its decision's values).
     */
    @Operation(summary = "The work a closed cycle left unfinished")
    @LeastRole(Role.VIEWER)
    @GetMapping("/api/cycles/{cycleId}/unfinished")
    public UnfinishedAnswer unfinished(@PathVariable String cycleId,
                                       @RequestParam(name = AsOf.PARAMETER, required = false) String asOfParameter) {
        Instant asOf = AsOf.parse(asOfParameter);
        RoadmapAnswer roadmap = roadmaps.roadmapAt(cycleId, asOf);
        return new UnfinishedAnswer(cycleId, roadmap.asOf(), roadmap.lastEventAt(), unfinished(roadmap));
    }

    private static List<Unfinished> unfinished(RoadmapAnswer roadmap) {
        return roadmap.items().stream()
                      .filter(item -> UNFINISHED.contains(item.status()))
                      .map(item -> new Unfinished(item.initiativeId(), item.title(), item.teamId(), item.status(),
                                                  item.allocatedPersonWeeks()))
                      .toList();
    }

    private static Initiatives initiatives(List<Decision> decisions) {
        Map<String, Instant> committedAt = new HashMap<>();
        decisions.stream().filter(decision -> decision.type().equals("InitiativeCommitted"))
                 .forEach(decision -> committedAt.putIfAbsent(decision.subjectId(), decision.at()));
        Set<String> dropped = subjects(decisions, "InitiativeDropped");
        long droppedAfterCommit = decisions.stream()
                .filter(decision -> decision.type().equals("InitiativeDropped"))
                .filter(decision -> committedAt.containsKey(decision.subjectId())
                                    && !committedAt.get(decision.subjectId()).isAfter(decision.at()))
                .map(Decision::subjectId).distinct().count();
        return new Initiatives(committedAt.size(), subjects(decisions, "InitiativeCompleted").size(), dropped.size(),
                               subjects(decisions, "InitiativeDeferred").size(), (int) droppedAfterCommit);
    }

    private Churn churn(String cycleId, List<Decision> decisions, Instant plannedAt, Instant asOf) {
        int rescores = (int) decisions.stream().filter(decision -> Boolean.TRUE.equals(decision.rescore())).count();
        if (plannedAt == null) {
            return new Churn(rescores, 0, 0);
        }
        RoadmapDiff sinceCommit = RoadmapDiff.between(cycleId, plannedAt, asOf,
                                                      roadmaps.roadmapAt(cycleId, plannedAt).items(),
                                                      roadmaps.roadmapAt(cycleId, asOf).items());
        int dropsAfterCommit = (int) decisions.stream()
                .filter(decision -> decision.type().equals("InitiativeDropped") && decision.at().isAfter(plannedAt))
                .count();
        return new Churn(rescores, sinceCommit.rankChanges().size(), dropsAfterCommit);
    }

    private static Set<String> subjects(List<Decision> decisions, String type) {
        return decisions.stream().filter(decision -> decision.type().equals(type)).map(Decision::subjectId)
                        .collect(Collectors.toSet());
    }

    private static Lesson lesson(Document lesson) {
        return new Lesson(lesson.getString("_id"), ViewTime.parse(lesson.getString("at")), lesson.getString("actor"),
                          lesson.getString("subjectId"), lesson.getString("text"),
                          lesson.getList("tags", String.class));
    }
}
