package org.planningengine.query.plan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Role;
import org.planningengine.security.web.AnswersETag;
import org.planningengine.security.web.LeastRole;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.servlet.http.HttpServletResponse;
import org.bson.Document;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.InitiativeStatus;
import org.planningengine.query.capacity.CapacityViews;
import org.planningengine.query.cycle.CycleViews;
import org.planningengine.query.roadmap.Roadmap;
import org.planningengine.query.roadmap.RoadmapDiff;
import org.planningengine.query.roadmap.RoadmapItem;
import org.planningengine.query.roadmap.RoadmapViews;
import org.planningengine.query.views.Archived;
import org.planningengine.query.views.AsOf;
import org.planningengine.query.views.BadQuery;
import org.planningengine.query.views.ItemVersion;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.ViewOutOfRange;
import org.planningengine.query.views.ViewTime;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A cycle's roadmap. The answer carries {@code asOf}, the instant the views reflect, and {@code lastEventAt}, the
 * time of the latest event among everything it was computed from (a dependency dropped in another cycle counts, and
 * so does an initiative archived, which the roadmap leaves out unless asked for).
 */
@RestController
@Tag(name = "Roadmap", description = "A cycle's initiatives ranked by RICE score, and how the ranking changed")
public class RoadmapReads {

    public record RoadmapAnswer(String cycleId, Instant asOf, Instant lastEventAt, List<RoadmapItem> items) {
    }

    /** One initiative: its item on its cycle's roadmap (rank, RICE, allocation, links, risks), cycle, description. */
    public record InitiativeAnswer(String cycleId, String description, @JsonUnwrapped RoadmapItem item,
                                   Instant asOf, Instant lastEventAt) {
    }

    private final CycleViews cycles;
    private final RoadmapViews views;
    private final CapacityViews capacity;
    private final PlanProgress progress;

    public RoadmapReads(CycleViews cycles, RoadmapViews views, CapacityViews capacity, PlanProgress progress) {
        this.cycles = cycles;
        this.views = views;
        this.capacity = capacity;
        this.progress = progress;
    }

    /**
     * The cycle's initiatives in priority order. Filters take one value or several separated by commas; an item
     * keeps its rank in the whole cycle when others are filtered out. Archived initiatives have no rank, and are
     * shown only when asked for.
     */
    @Operation(summary = "A cycle's roadmap, ranked by RICE score")
    @LeastRole(Role.VIEWER)
    @GetMapping("/api/cycles/{cycleId}/roadmap")
    RoadmapAnswer roadmap(@PathVariable String cycleId,
                          @RequestParam(required = false) String team,
                          @RequestParam(required = false) String category,
                          @RequestParam(required = false) String status,
                          @RequestParam(name = Archived.PARAMETER, required = false) String archived,
                          @RequestParam(name = AsOf.PARAMETER, required = false) String asOfParameter) {
        Instant asOf = AsOf.parse(asOfParameter);
        Predicate<RoadmapItem> filter = matching("team", team, null, RoadmapItem::teamId)
                .and(matching("category", category, Category.values(), RoadmapItem::category))
                .and(matching("status", status, InitiativeStatus.values(), RoadmapItem::status))
                .and(shown(Archived.parse(archived)));
        RoadmapAnswer roadmap = roadmap(cycleId, cycles.require(cycleId, asOf), asOf);
        return new RoadmapAnswer(cycleId, roadmap.asOf(), roadmap.lastEventAt(),
                                 roadmap.items().stream().filter(filter).toList());
    }

    /**
     * An initiative as of the instant (now, for none), archived or not, exactly as its cycle's roadmap shows it then
     * (with archived ones); its {@code lastEventAt} is the roadmap's, since its rank depends on the others. Its
     * version is the {@code ETag}, taken from its document as read first, so never newer than the answer (a client
     * deciding on what it was answered may be refused, never overwrite what it did not see).
     */
    @Operation(summary = "An initiative, with its score and rank")
    @LeastRole(Role.VIEWER)
    @AnswersETag
    @GetMapping("/api/initiatives/{initiativeId}")
    InitiativeAnswer initiative(@PathVariable String initiativeId,
                                @RequestParam(name = AsOf.PARAMETER, required = false) String asOfParameter,
                                HttpServletResponse response) {
        Instant asOf = AsOf.parse(asOfParameter);
        Document initiative = views.initiative(initiativeId, asOf);
        ItemVersion.answer(response, initiative);
        String cycleId = initiative.getString("cycleId");
        RoadmapAnswer roadmap = roadmapAt(cycleId, asOf);
        RoadmapItem item = roadmap.items().stream().filter(candidate -> candidate.initiativeId().equals(initiativeId))
                                  .findFirst().orElseThrow();
        return new InitiativeAnswer(cycleId, initiative.getString("description"), item, roadmap.asOf(),
                                    roadmap.lastEventAt());
    }

    /**
     * What changed on the roadmap between two instants: initiatives that entered and left it, and the ranks, scores,
     * statuses and allocations that moved. Before the cycle existed its roadmap counts as empty. Both roadmaps are
     * compared as the filter shows them: by default an initiative archived between the two has left.
     */
    @Operation(summary = "How a cycle's roadmap changed between two instants")
    @LeastRole(Role.VIEWER)
    @GetMapping("/api/cycles/{cycleId}/roadmap/diff")
    RoadmapDiff diff(@PathVariable String cycleId, @RequestParam(required = false) String from,
                     @RequestParam(required = false) String to,
                     @RequestParam(name = Archived.PARAMETER, required = false) String archived) {
        Predicate<RoadmapItem> shown = shown(Archived.parse(archived));
        Instant fromInstant = required("from", from);
        Instant toInstant = required("to", to);
        if (fromInstant.isAfter(toInstant)) {
            throw new ViewOutOfRange("from", "from " + fromInstant + " is after to " + toInstant);
        }
        RoadmapAnswer after = roadmap(cycleId, cycles.require(cycleId, toInstant), toInstant);
        Document cycleThen = cycles.findAll(List.of(cycleId), fromInstant).get(cycleId);
        List<RoadmapItem> before = cycleThen == null ? List.of() : roadmap(cycleId, cycleThen, fromInstant).items();
        return RoadmapDiff.between(cycleId, fromInstant, toInstant, before.stream().filter(shown).toList(),
                                   after.items().stream().filter(shown).toList());
    }

    private static Instant required(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw new BadQuery(parameter, parameter + " is required: an instant such as 2027-05-01T09:30:00Z or "
                                          + "2027-05-01T11:30:00+02:00");
        }
        return AsOf.parse(value, parameter);
    }

    /**
     * The whole roadmap of the cycle as of the instant (now, for none), archived initiatives too; the cycle must have
     * existed then.
     */
    public RoadmapAnswer roadmapAt(String cycleId, Instant asOf) {
        return roadmap(cycleId, cycles.require(cycleId, asOf), asOf);
    }

    private RoadmapAnswer roadmap(String cycleId, Document cycle, Instant asOf) {
        List<Document> initiatives = views.onRoadmap(cycleId, asOf);
        Map<String, Document> dependencies = views.initiatives(
                initiatives.stream().flatMap(doc -> doc.getList("dependsOn", String.class).stream())
                           .collect(Collectors.toCollection(HashSet::new)), asOf);
        Map<String, Document> cyclesSeen = new LinkedHashMap<>(cycles.findAll(
                dependencies.values().stream().map(doc -> doc.getString("cycleId")).collect(Collectors.toSet()),
                asOf));
        cyclesSeen.put(cycleId, cycle);
        Map<String, BigDecimal> allocations = capacity.allocations(
                cycleId, initiatives.stream().map(doc -> doc.getString("teamId")).collect(Collectors.toSet()), asOf);
        return new RoadmapAnswer(cycleId, progress.asOf(asOf),
                                 ViewTime.lastEventAt(initiatives, dependencies.values(), cyclesSeen.values()),
                                 Roadmap.rank(cycleId, initiatives, dependencies, cyclesSeen, allocations));
    }

    private static Predicate<RoadmapItem> shown(Archived archived) {
        return item -> archived.shows(item.archived());
    }

    /** Items whose field is one of the comma-separated values; every item when there are none. */
    private static Predicate<RoadmapItem> matching(String parameter, String values, Enum<?>[] allowed,
                                                   Function<RoadmapItem, String> field) {
        if (values == null || values.isBlank()) {
            return item -> true;
        }
        Set<String> wanted = Arrays.stream(values.split(",")).map(String::strip).filter(v -> !v.isEmpty())
                                   .collect(Collectors.toSet());
        if (allowed != null) {
            List<String> names = Arrays.stream(allowed).map(Enum::name).toList();
            wanted.stream().filter(value -> !names.contains(value)).findFirst().ifPresent(value -> {
                throw new BadQuery(parameter, parameter + " must be one or more of " + String.join(", ", names)
                                              + ", separated by commas (was " + value + ")");
            });
        }
        return item -> wanted.contains(field.apply(item));
    }
}
