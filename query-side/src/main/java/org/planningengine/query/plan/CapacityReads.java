package org.planningengine.query.plan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Role;
import org.planningengine.security.web.LeastRole;
import org.bson.Document;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.query.capacity.Capacity;
import org.planningengine.query.capacity.CapacityViews;
import org.planningengine.query.capacity.TeamCapacity;
import org.planningengine.query.capacity.TeamCapacity.Totals;
import org.planningengine.query.cycle.CycleViews;
import org.planningengine.query.team.TeamViews;
import org.planningengine.query.views.Archived;
import org.planningengine.query.views.AsOf;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.ViewTime;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The capacity of a cycle, per team that has a plan in it and for the whole organisation. The plans of archived
 * teams are left out unless asked for, and the organisation sums the teams shown.
 */
@RestController
@Tag(name = "Capacity")
public class CapacityReads {

    public record CapacityAnswer(String cycleId, Instant asOf, Instant lastEventAt, CapacityPolicy policy,
                          List<TeamCapacity> teams, Totals organisation) {
    }

    private final CycleViews cycles;
    private final CapacityViews views;
    private final TeamViews teams;
    private final PlanProgress progress;

    public CapacityReads(CycleViews cycles, CapacityViews views, TeamViews teams, PlanProgress progress) {
        this.cycles = cycles;
        this.views = views;
        this.teams = teams;
        this.progress = progress;
    }

    @Operation(summary = "A cycle's capacity: each team's person-weeks, allocated and left, by bucket")
    @LeastRole(Role.VIEWER)
    @GetMapping("/api/cycles/{cycleId}/capacity")
    CapacityAnswer capacity(@PathVariable String cycleId,
                            @RequestParam(name = Archived.PARAMETER, required = false) String archived,
                            @RequestParam(name = AsOf.PARAMETER, required = false) String asOfParameter) {
        Archived filter = Archived.parse(archived);
        return capacityAt(cycleId, AsOf.parse(asOfParameter), filter);
    }

    /**
     * The capacity of the cycle as of the instant (now, for none), every team's plan counted, archived teams' too;
     * the cycle must have existed then.
     */
    public CapacityAnswer capacityAt(String cycleId, Instant asOf) {
        return capacityAt(cycleId, asOf, Archived.INCLUDE);
    }

    /**
     * The capacity of the teams the filter shows (archived as of the instant), and theirs summed for the
     * organisation; its {@code lastEventAt} counts every plan and team, those left out too.
     */
    private CapacityAnswer capacityAt(String cycleId, Instant asOf, Archived archived) {
        Document cycle = cycles.require(cycleId, asOf);
        CapacityViews.TeamPlans plans = views.teamPlans(cycleId, CycleViews.policyHistory(cycle), asOf);
        Map<String, Document> teamDocuments = teams.findAll(plans.teams().stream().map(TeamCapacity::teamId)
                                                                  .toList(), asOf);
        List<TeamCapacity> shown = plans.teams().stream()
                .map(team -> team.archived(teamDocuments.containsKey(team.teamId())
                                           && Archived.of(teamDocuments.get(team.teamId()))))
                .filter(team -> archived.shows(team.archived()))
                .toList();
        CapacityPolicy policy = CycleViews.policy(cycle);
        return new CapacityAnswer(cycleId, progress.asOf(asOf),
                                  ViewTime.lastEventAt(List.of(cycle), plans.documents(), teamDocuments.values()),
                                  policy, shown, Capacity.organisation(shown, policy));
    }
}
