package org.planningengine.query.cycle;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Role;
import org.planningengine.security.web.AnswersETag;
import org.planningengine.security.web.LeastRole;
import jakarta.servlet.http.HttpServletResponse;
import org.bson.Document;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.query.views.Archived;
import org.planningengine.query.views.AsOf;
import org.planningengine.query.views.ItemVersion;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.PolicyChange;
import org.planningengine.query.views.ViewTime;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * Reads of cycles. Every answer carries {@code asOf}, the instant the views reflect, and {@code lastEventAt}, the
 * time of the latest event that changed what the answer shows. Each cycle names the cycles whose dates overlap its
 * own ({@code overlaps}): the command side, which knows other cycles only by key, cannot list them when one starts.
 * Archived cycles are left out of the list unless asked for, and out of every {@code overlaps}.
 */
@RestController
@Tag(name = "Cycles")
@RequestMapping("/api/cycles")
public class CycleReads {

    /** @param overlaps the other cycles, not archived, that share at least a day with this one, the earliest first */
    public record Cycle(String id, String name, LocalDate startDate, LocalDate endDate, String status,
                        boolean archived, CapacityPolicy policy, List<PolicyChange> policyHistory,
                        Instant lastEventAt, List<String> overlaps) {

        boolean sharesDaysWith(Cycle other) {
            return !other.id.equals(id) && !other.archived && !other.startDate.isAfter(endDate)
                   && !startDate.isAfter(other.endDate);
        }

        Cycle overlapping(List<Cycle> all) {
            return new Cycle(id, name, startDate, endDate, status, archived, policy, policyHistory, lastEventAt,
                             all.stream().filter(this::sharesDaysWith).map(Cycle::id).toList());
        }
    }

    public record Cycles(Instant asOf, Instant lastEventAt, List<Cycle> cycles) {
    }

    public record CycleAnswer(String id, String name, LocalDate startDate, LocalDate endDate, String status,
                              boolean archived, CapacityPolicy policy, List<PolicyChange> policyHistory,
                              List<String> overlaps, Instant asOf, Instant lastEventAt) {
    }

    private final CycleViews cycles;
    private final PlanProgress progress;

    public CycleReads(CycleViews cycles, PlanProgress progress) {
        this.cycles = cycles;
        this.progress = progress;
    }

    /**
     * The cycles the filter shows, the earliest first; a short list, read whole. Its {@code lastEventAt} counts the
     * cycles it leaves out: archiving one changed the list.
     */
    @Operation(summary = "The cycles")
    @LeastRole(Role.VIEWER)
    @GetMapping
    Cycles cycles(@RequestParam(name = Archived.PARAMETER, required = false) String archivedParameter,
                  @RequestParam(name = AsOf.PARAMETER, required = false) String asOfParameter) {
        Archived archived = Archived.parse(archivedParameter);
        Instant asOf = AsOf.parse(asOfParameter);
        List<Cycle> all = all(asOf);
        Instant lastEventAt = all.stream().map(Cycle::lastEventAt).max(Comparator.naturalOrder()).orElse(null);
        return new Cycles(progress.asOf(asOf), lastEventAt,
                          all.stream().filter(cycle -> archived.shows(cycle.archived())).toList());
    }

    /**
     * A cycle, archived or not, with its version as the {@code ETag} (its overlaps are the other cycles', read after
     * it).
     */
    @Operation(summary = "A cycle, with its policy and the cycles it overlaps")
    @LeastRole(Role.VIEWER)
    @AnswersETag
    @GetMapping("/{cycleId}")
    CycleAnswer cycle(@PathVariable String cycleId,
                      @RequestParam(name = AsOf.PARAMETER, required = false) String asOfParameter,
                      HttpServletResponse response) {
        Instant asOf = AsOf.parse(asOfParameter);
        Document document = cycles.require(cycleId, asOf);
        ItemVersion.answer(response, document);
        Cycle cycle = cycle(document).overlapping(all(asOf));
        return new CycleAnswer(cycle.id(), cycle.name(), cycle.startDate(), cycle.endDate(), cycle.status(),
                               cycle.archived(), cycle.policy(), cycle.policyHistory(), cycle.overlaps(),
                               progress.asOf(asOf), cycle.lastEventAt());
    }

    /** Every cycle as of then (null: now), archived ones too, the earliest start first, each with its overlaps. */
    private List<Cycle> all(Instant asOf) {
        List<Cycle> all = cycles.allAt(asOf).stream().map(CycleReads::cycle)
                              .sorted(Comparator.comparing(Cycle::startDate).thenComparing(Cycle::id))
                              .toList();
        return all.stream().map(cycle -> cycle.overlapping(all)).toList();
    }

    private static Cycle cycle(Document doc) {
        return new Cycle(doc.getString("_id"), doc.getString("name"), LocalDate.parse(doc.getString("startDate")),
                         LocalDate.parse(doc.getString("endDate")), doc.getString("status"), Archived.of(doc),
                         CycleViews.policy(doc), CycleViews.policyHistory(doc),
                         ViewTime.parse(doc.getString("lastEventAt")), List.of());
    }
}
