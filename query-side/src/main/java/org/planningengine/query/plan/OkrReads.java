package org.planningengine.query.plan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Role;
import org.planningengine.security.web.AnswersETag;
import org.planningengine.security.web.LeastRole;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.servlet.http.HttpServletResponse;
import org.bson.Document;
import org.planningengine.query.cycle.CycleViews;
import org.planningengine.query.okr.ObjectiveView;
import org.planningengine.query.okr.ObjectiveView.Change;
import org.planningengine.query.okr.ObjectiveView.CheckIn;
import org.planningengine.query.okr.ObjectiveView.KeyResult;
import org.planningengine.query.okr.ObjectiveView.Review;
import org.planningengine.query.okr.OkrViews;
import org.planningengine.query.okr.Rollup;
import org.planningengine.query.roadmap.RoadmapViews;
import org.planningengine.query.views.Archived;
import org.planningengine.query.views.AsOf;
import org.planningengine.query.views.ItemVersion;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.ViewLogs;
import org.planningengine.query.views.ViewSets;
import org.planningengine.query.views.ViewTime;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OKRs of a cycle: its objectives in alignment order (each top-level objective, by title, followed by those
 * under it, depth first), each with the progress it rolls up from its key results and those under it, their key
 * results with every check-in in the order measured, and the initiatives linked to each. Everything is read as of one
 * instant, so a progress is as exact as of a past instant as now. Archived objectives are left out unless asked for
 * (and never count in a parent's progress); one whose parent is left out comes at the top.
 */
@RestController
@Tag(name = "Objectives")
public class OkrReads {

    public record OkrAnswer(String cycleId, Instant asOf, Instant lastEventAt, List<ObjectiveView> objectives) {
    }

    /**
     * One objective, archived or not, exactly as its cycle's OKR view shows it with the archived ones (with its own
     * {@code lastEventAt}), and its cycle.
     */
    public record ObjectiveAnswer(String cycleId, @JsonUnwrapped ObjectiveView objective, Instant asOf) {
    }

    /**
     * What the answer shows of each objective beside its document: the initiatives linked to each key result, and
     * the lists of check-ins (by key result) and reviews (by objective), each to be cut at the document's version.
     */
    private record Lists(Map<String, List<String>> links, Map<String, Document> checkIns,
                         Map<String, Document> reviews) {
    }

    private final CycleViews cycles;
    private final OkrViews views;
    private final RoadmapViews roadmap;
    private final PlanProgress progress;

    public OkrReads(CycleViews cycles, OkrViews views, RoadmapViews roadmap, PlanProgress progress) {
        this.cycles = cycles;
        this.views = views;
        this.roadmap = roadmap;
        this.progress = progress;
    }

    @Operation(summary = "A cycle's objectives and key results, with their progress")
    @LeastRole(Role.VIEWER)
    @GetMapping("/api/cycles/{cycleId}/okrs")
    OkrAnswer okrs(@PathVariable String cycleId,
                   @RequestParam(name = Archived.PARAMETER, required = false) String archived,
                   @RequestParam(name = AsOf.PARAMETER, required = false) String asOfParameter) {
        Archived filter = Archived.parse(archived);
        return okrsAt(cycleId, AsOf.parse(asOfParameter), filter);
    }

    /**
     * One objective, with its version as the {@code ETag}: taken from its document as read first, so never newer than
     * the answer (a client deciding on what it was answered may be refused, never overwrite what it did not see).
     */
    @Operation(summary = "An objective, with its key results and progress")
    @LeastRole(Role.VIEWER)
    @AnswersETag
    @GetMapping("/api/objectives/{objectiveId}")
    ObjectiveAnswer objective(@PathVariable String objectiveId,
                              @RequestParam(name = AsOf.PARAMETER, required = false) String asOfParameter,
                              HttpServletResponse response) {
        Instant asOf = AsOf.parse(asOfParameter);
        Document document = views.objective(objectiveId, asOf);
        ItemVersion.answer(response, document);
        String cycleId = document.getString("cycleId");
        OkrAnswer okrs = okrsAt(cycleId, asOf);
        ObjectiveView objective = okrs.objectives().stream()
                                      .filter(candidate -> candidate.objectiveId().equals(objectiveId))
                                      .findFirst().orElseThrow();
        return new ObjectiveAnswer(cycleId, objective, okrs.asOf());
    }

    /**
     * The OKRs of the cycle as of the instant (now, for none), archived objectives too; the cycle must have existed
     * then.
     */
    public OkrAnswer okrsAt(String cycleId, Instant asOf) {
        return okrsAt(cycleId, asOf, Archived.INCLUDE);
    }

    /** The objectives the filter shows; {@code lastEventAt} counts every objective, those left out too. */
    private OkrAnswer okrsAt(String cycleId, Instant asOf, Archived archived) {
        Document cycle = cycles.require(cycleId, asOf);
        OkrViews.CycleDocuments documents = views.ofCycle(cycleId, asOf);
        Map<String, Document> objectives = new LinkedHashMap<>();
        documents.objectives().forEach((id, objective) -> {
            if (archived.shows(objective)) {
                objectives.put(id, objective);
            }
        });
        Map<String, Document> linkSets = documents.keyResultLinks();
        // As of an instant, a link counts where the initiative's document held it then: all read at once.
        Map<String, Document> initiativesThen = asOf == null ? null : roadmap.initiatives(
                linkSets.values().stream().flatMap(linkSet -> ViewSets.members(linkSet).stream()).distinct().toList(),
                asOf);
        Map<String, List<String>> links = new HashMap<>();
        linkSets.forEach((keyResultId, linkSet) -> links.put(
                keyResultId, linked(keyResultId, linkSet, initiativesThen)));

        Lists lists = new Lists(links, documents.checkIns(), documents.reviews());

        List<ObjectiveView> ordered = new ArrayList<>();
        childrenOf(null, objectives).forEach(root -> addTree(root, null, objectives, lists, ordered));
        return new OkrAnswer(cycleId, progress.asOf(asOf),
                             ViewTime.lastEventAt(List.of(cycle), documents.objectives().values()),
                             ordered);
    }

    /**
     * The initiatives linked to a key result; as of an instant ({@code initiativesThen}: the linked initiatives'
     * documents then), those whose documents held the link then.
     */
    private static List<String> linked(String keyResultId, Document linkSet, Map<String, Document> initiativesThen) {
        List<String> members = ViewSets.members(linkSet);
        if (initiativesThen != null) {
            String[] ids = keyResultId.split("/", 2);
            members = members.stream().map(initiativesThen::get)
                             .filter(initiative -> initiative != null && RoadmapViews.links(initiative, ids[0], ids[1]))
                             .map(initiative -> initiative.getString("_id")).toList();
        }
        return members.stream().sorted().toList();
    }

    /**
     * Adds the objective and then those under it, depth first, and answers its view: its progress rolls up theirs, so
     * theirs come first.
     *
     * @param weight the weight its parent gives it, null at the top
     */
    private static ObjectiveView addTree(Document objective, BigDecimal weight, Map<String, Document> objectives,
                                         Lists lists, List<ObjectiveView> ordered) {
        int place = ordered.size();
        ordered.add(null);
        Rollup rollup = Rollup.of(objective);
        List<ObjectiveView> children = childrenOf(objective.getString("_id"), objectives).stream().map(
                child -> addTree(child, rollup.childWeight(child.getString("_id")), objectives, lists, ordered))
                                                                                        .toList();
        ObjectiveView view = view(objective, rollup, weight, children, lists);
        ordered.set(place, view);
        return view;
    }

    /** The objectives of the cycle under this one (or at the top, for null, or when the parent is not in it). */
    private static List<Document> childrenOf(String parentId, Map<String, Document> objectives) {
        return objectives.values().stream()
                         .filter(objective -> {
                             String parent = objective.getString("parentObjectiveId");
                             return parentId == null ? parent == null || !objectives.containsKey(parent)
                                                     : parentId.equals(parent);
                         })
                         .sorted(Comparator.comparing((Document objective) -> objective.getString("title"),
                                                      String.CASE_INSENSITIVE_ORDER)
                                           .thenComparing(objective -> objective.getString("_id")))
                         .toList();
    }

    private static ObjectiveView view(Document objective, Rollup rollup, BigDecimal weight,
                                      List<ObjectiveView> children, Lists lists) {
        String objectiveId = objective.getString("_id");
        List<KeyResult> keyResults = keyResults(objective).stream().map(keyResult -> {
            String keyResultId = keyResult.getString("keyResultId");
            String key = OkrViews.keyResultId(objectiveId, keyResultId);
            return new KeyResult(
                    keyResultId, keyResult.getString("title"), keyResult.getString("metric"),
                    keyResult.getString("unit"), keyResult.getString("direction"),
                    keyResult.getString("spaceDimension"), decimal(keyResult, "baseline"),
                    decimal(keyResult, "target"), decimal(keyResult, "current"), decimal(keyResult, "progress"),
                    decimal(keyResult, "confidence"), ViewTime.parse(keyResult.getString("measuredAt")),
                    ViewTime.parse(keyResult.getString("lastCheckInAt")), decimal(keyResult, "grade"),
                    rollup.keyResultWeight(keyResultId), trend(lists.checkIns().get(key), objective),
                    lists.links().getOrDefault(key, List.of()));
        }).toList();
        List<Review> reviews = ViewLogs.upTo(lists.reviews().get(objectiveId), objective).stream().map(
                review -> new Review(ViewTime.parse(review.getString("at")), review.getString("outcome"),
                                     review.getString("reason"), review.getString("actor"),
                                     review.getList("changes", Document.class).stream().map(
                                             change -> new Change(change.getString("field"), change.getString("from"),
                                                                  change.getString("to"))).toList())).toList();
        Instant lastEventAt = children.stream().map(ObjectiveView::lastEventAt)
                                      .reduce(ViewTime.parse(objective.getString("lastEventAt")),
                                              (one, other) -> one.isAfter(other) ? one : other);
        return new ObjectiveView(objectiveId, objective.getString("title"), objective.getString("ownerTeamId"),
                                 objective.getString("parentObjectiveId"),
                                 children.stream().map(ObjectiveView::objectiveId).toList(),
                                 objective.getString("status"), Archived.of(objective),
                                 Rollup.progress(keyResults, children), rollup.mode().name(), weight,
                                 decimal(objective, "grade"),
                                 objective.getString("predecessorObjectiveId"),
                                 objective.getString("successorObjectiveId"), reviews, keyResults, lastEventAt);
    }

    /** The check-ins the version of the objective knew, in the order they were measured (ties: as recorded). */
    private static List<CheckIn> trend(Document checkIns, Document objective) {
        List<CheckIn> trend = new ArrayList<>(ViewLogs.upTo(checkIns, objective).stream().map(checkIn -> new CheckIn(
                ViewTime.parse(checkIn.getString("at")), ViewTime.parse(checkIn.getString("measuredAt")),
                decimal(checkIn, "value"), decimal(checkIn, "progress"), decimal(checkIn, "confidence"),
                checkIn.getString("comment"), checkIn.getString("actor"))).toList());
        trend.sort(Comparator.comparing(CheckIn::measuredAt));
        return trend;
    }

    private static List<Document> keyResults(Document objective) {
        return objective.getList("keyResults", Document.class);
    }

    private static BigDecimal decimal(Document document, String field) {
        String value = document.getString(field);
        return value == null ? null : new BigDecimal(value);
    }
}
