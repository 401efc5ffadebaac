package org.planningengine.query.roadmap;

import org.bson.Document;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.PolicyBucket;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.InitiativeStatus;
import org.planningengine.query.views.ViewTime;
import org.planningengine.query.web.BadQuery;
import org.planningengine.query.web.ViewNotFound;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads of cycles and their roadmaps. Every answer carries {@code asOf}, the time of the latest event the projection
 * has applied (the instant the answer reflects), and {@code lastEventAt}, the time of the latest event that changed
 * what this answer shows.
 */
@RestController
@RequestMapping("/api/cycles")
class CycleReads {

    record Cycle(String id, String name, LocalDate startDate, LocalDate endDate, String status,
                 CapacityPolicy policy, Instant lastEventAt) {
    }

    record Cycles(Instant asOf, Instant lastEventAt, List<Cycle> cycles) {
    }

    record CycleAnswer(String id, String name, LocalDate startDate, LocalDate endDate, String status,
                       CapacityPolicy policy, Instant asOf, Instant lastEventAt) {
    }

    record RoadmapAnswer(String cycleId, Instant asOf, Instant lastEventAt, List<RoadmapItem> items) {
    }

    private final PlanViews views;

    CycleReads(PlanViews views) {
        this.views = views;
    }

    /** Every cycle, the earliest first; a short list, read whole. */
    @GetMapping
    Cycles cycles() {
        List<Cycle> cycles = views.cycles().all().stream().map(CycleReads::cycle)
                                  .sorted(Comparator.comparing(Cycle::startDate).thenComparing(Cycle::id))
                                  .toList();
        Instant lastEventAt = cycles.stream().map(Cycle::lastEventAt).max(Comparator.naturalOrder()).orElse(null);
        return new Cycles(asOf(), lastEventAt, cycles);
    }

    @GetMapping("/{cycleId}")
    CycleAnswer cycle(@PathVariable String cycleId) {
        Cycle cycle = cycle(cycleDocument(cycleId));
        return new CycleAnswer(cycle.id(), cycle.name(), cycle.startDate(), cycle.endDate(), cycle.status(),
                               cycle.policy(), asOf(), cycle.lastEventAt());
    }

    /**
     * The cycle's initiatives in priority order. Filters take one value or several separated by commas; an item
     * keeps its rank in the whole cycle when others are filtered out.
     */
    @GetMapping("/{cycleId}/roadmap")
    RoadmapAnswer roadmap(@PathVariable String cycleId,
                          @RequestParam(required = false) String team,
                          @RequestParam(required = false) String category,
                          @RequestParam(required = false) String status) {
        Predicate<RoadmapItem> filter = matching("team", team, null, RoadmapItem::teamId)
                .and(matching("category", category, Category.values(), RoadmapItem::category))
                .and(matching("status", status, InitiativeStatus.values(), RoadmapItem::status));
        Document cycle = cycleDocument(cycleId);
        List<Document> roadmap = views.roadmap(cycleId).stream().toList();
        List<Document> initiatives = List.copyOf(views.initiatives().findAll(
                roadmap.stream().flatMap(doc -> PlanViews.members(doc).stream()).toList()).values());
        Map<String, Document> dependencies = views.initiatives().findAll(
                initiatives.stream().flatMap(doc -> doc.getList("dependsOn", String.class).stream())
                           .collect(Collectors.toCollection(HashSet::new)));
        Map<String, Document> cycles = new LinkedHashMap<>(views.cycles().findAll(
                dependencies.values().stream().map(doc -> doc.getString("cycleId")).collect(Collectors.toSet())));
        cycles.put(cycleId, cycle);

        List<RoadmapItem> items = Roadmap.rank(cycleId, initiatives, dependencies, cycles).stream()
                                         .filter(filter).toList();
        // Everything the answer was computed from, so a dependency dropped in another cycle counts too.
        String lastEventAt = Stream.of(Stream.of(cycle), roadmap.stream(), initiatives.stream(),
                                       dependencies.values().stream(), cycles.values().stream())
                                   .flatMap(docs -> docs)
                                   .map(doc -> doc.getString("lastEventAt"))
                                   .reduce(null, ViewTime::later);
        return new RoadmapAnswer(cycleId, asOf(), ViewTime.parse(lastEventAt), items);
    }

    private Document cycleDocument(String cycleId) {
        return views.cycles().find(cycleId)
                    .orElseThrow(() -> new ViewNotFound("cycle " + cycleId + " does not exist"));
    }

    private Instant asOf() {
        return views.progress().lastEventAt(RoadmapProjection.NAME).map(ViewTime::parse).orElse(null);
    }

    private static Cycle cycle(Document doc) {
        Document policy = doc.get("policy", Document.class);
        List<PolicyBucket> buckets = policy.getList("buckets", Document.class).stream()
                                           .map(bucket -> new PolicyBucket(
                                                   bucket.getString("name"),
                                                   bucket.getList("categories", String.class).stream()
                                                         .map(Category::valueOf).toList(),
                                                   bucket.getInteger("share")))
                                           .toList();
        return new Cycle(doc.getString("_id"), doc.getString("name"), LocalDate.parse(doc.getString("startDate")),
                         LocalDate.parse(doc.getString("endDate")), doc.getString("status"),
                         new CapacityPolicy(buckets, policy.getInteger("tolerance")),
                         ViewTime.parse(doc.getString("lastEventAt")));
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
