package org.planningengine.command.capacity;

import org.axonframework.config.Configuration;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.planningengine.command.PlanRegistry;
import org.planningengine.command.RuleViolated;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.cycle.CapacityPolicy;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Carries a change of the cycle's capacity policy into every team plan of the cycle that follows it, in the unit of
 * work of the change, so that the cycle's event and the plans' are one commit of the log (decision record 0016):
 * each such plan appends {@code CyclePolicyAdopted}, and a {@code GuardrailOverridden} for each bucket the new policy
 * takes over its limit. A change that takes any bucket of any team over is refused unless it carries an override
 * reason, which then stands for every team (each gets its own override events, which the capacity view shows).
 */
@Component
public class CyclePolicyAdoption {

    private final Supplier<Repository<TeamCyclePlan>> plans;

    /** On the engine's repository of plans, found once the Axon configuration is built (it needs this one). */
    @Autowired
    public CyclePolicyAdoption(ObjectProvider<Configuration> axon) {
        this(() -> axon.getObject().repository(TeamCyclePlan.class));
    }

    /** On a repository of plans of one's own (an aggregate test's). */
    public CyclePolicyAdoption(Supplier<Repository<TeamCyclePlan>> plans) {
        this.plans = plans;
    }

    /**
     * Has every plan of the cycle that follows its policy adopt the new one; refuses (nothing appended) when that
     * takes buckets over their limits and no override reason is given, naming every team and bucket.
     */
    public void adopt(String cycleId, CapacityPolicy previous, CapacityPolicy policy, String overrideReason,
                      PlanRegistry registry) {
        List<Aggregate<TeamCyclePlan>> loaded = new ArrayList<>();
        List<String> breaches = new ArrayList<>();
        for (String teamId : registry.teamsWithPlans(cycleId)) {
            Aggregate<TeamCyclePlan> plan = plans.get().load(AggregateIds.teamPlan(cycleId, teamId));
            loaded.add(plan);
            plan.invoke(held -> held.breachesUnderCyclePolicy(previous, policy)).stream()
                .map(breach -> breach.describe(teamId)).forEach(breaches::add);
        }
        if (!breaches.isEmpty() && (overrideReason == null || overrideReason.isBlank())) {
            throw new RuleViolated("override.reason", breaches.stream().collect(Collectors.joining("; "))
                                                      + "; to change the cycle's policy anyway, give "
                                                      + "override.reason (it stands for every team)");
        }
        for (Aggregate<TeamCyclePlan> plan : loaded) {
            String teamId = plan.identifierAsString().substring(AggregateIds.teamPlan(cycleId, "").length());
            plan.execute(held -> held.adopt(cycleId, teamId, previous, policy, overrideReason));
        }
    }
}
