package org.planningengine.query.capacity;

import org.bson.Document;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.query.capacity.TeamCapacity.Totals;
import org.planningengine.query.cycle.CycleViews;
import org.planningengine.query.cycle.PolicyChange;
import org.planningengine.query.views.AsOf;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.ViewLogs;
import org.planningengine.query.views.ViewSets;
import org.planningengine.query.views.ViewTime;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The capacity of a cycle, per team that has a plan in it and for the whole organisation. */
@RestController
public class CapacityReads {

    public record CapacityAnswer(String cycleId, Instant asOf, Instant lastEventAt, CapacityPolicy policy,
                          List<TeamCapacity> teams, Totals organisation) {
    }

    private final CycleViews cycles;
    private final CapacityViews views;
    private final PlanProgress progress;

    public CapacityReads(CycleViews cycles, CapacityViews views, PlanProgress progress) {
        this.cycles = cycles;
        this.views = views;
        this.progress = progress;
    }

    @GetMapping("/api/cycles/{cycleId}/capacity")
    CapacityAnswer capacity(@PathVariable String cycleId,
                            @RequestParam(name = AsOf.PARAMETER, required = false) String asOfParameter) {
        return capacityAt(cycleId, AsOf.parse(asOfParameter));
    }

    /** The capacity of the cycle as of the instant (now, for none); the cycle must have existed then. */
    public CapacityAnswer capacityAt(String cycleId, Instant asOf) {
        Document cycle = cycles.require(cycleId, asOf);
        List<Document> setOfTeams = views.cycleTeams().find(cycleId).stream().toList();
        List<String> teamIds = setOfTeams.stream().flatMap(set -> ViewSets.members(set, asOf).stream()).toList();
        List<String> planIds = teamIds.stream().map(teamId -> CapacityViews.planId(cycleId, teamId)).toList();
        List<Document> plans = new ArrayList<>(views.plans().findAll(planIds, asOf).values());
        Map<String, Document> overrides = views.overrides().findAll(planIds);
        List<PolicyChange> cyclePolicies = CycleViews.policyHistory(cycle);
        List<TeamCapacity> teams = plans.stream().map(plan -> Capacity.team(
                                                plan, ViewLogs.upTo(overrides.get(plan.getString("_id")), plan),
                                                cyclePolicies))
                                        .sorted(Comparator.comparing(TeamCapacity::teamId)).toList();
        CapacityPolicy policy = Capacity.cyclePolicy(cycle);
        return new CapacityAnswer(cycleId, progress.asOf(asOf),
                                  ViewTime.lastEventAt(List.of(cycle), plans),
                                  policy, teams,
                                  Capacity.organisation(teams, policy));
    }
}
