package org.planningengine.query.plan;

import org.bson.Document;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.query.capacity.Capacity;
import org.planningengine.query.capacity.CapacityViews;
import org.planningengine.query.capacity.TeamCapacity;
import org.planningengine.query.capacity.TeamCapacity.Totals;
import org.planningengine.query.cycle.CycleViews;
import org.planningengine.query.views.AsOf;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.ViewTime;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

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
        CapacityViews.TeamPlans plans = views.teamPlans(cycleId, CycleViews.policyHistory(cycle), asOf);
        CapacityPolicy policy = CycleViews.policy(cycle);
        return new CapacityAnswer(cycleId, progress.asOf(asOf),
                                  ViewTime.lastEventAt(List.of(cycle), plans.documents()), policy, plans.teams(),
                                  Capacity.organisation(plans.teams(), policy));
    }
}
