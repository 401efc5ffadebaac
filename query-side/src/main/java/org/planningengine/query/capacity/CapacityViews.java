package org.planningengine.query.capacity;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.planningengine.query.views.AggregateViews;
import org.planningengine.query.views.PolicyChange;
import org.planningengine.query.views.ViewLogs;
import org.planningengine.query.views.ViewSets;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The documents the capacity projection keeps, each read by key: {@code view_team_plans}, one per team and cycle
 * (capacity, allocations by initiative, the team's own policies); {@code view_team_plan_overrides}, one per plan, its
 * guardrail overrides (a list that grows with the plan's events, kept out of its versions: {@link ViewLogs}); and
 * {@code view_cycle_teams}, one per cycle, the teams that have a plan in it.
 */
@Component
public class CapacityViews {

    public static final String TEAM_PLANS = "view_team_plans";
    public static final String CYCLE_TEAMS = "view_cycle_teams";
    public static final String OVERRIDES = "view_team_plan_overrides";

    private final AggregateViews plans;
    private final ViewLogs overrides;
    private final ViewSets cycleTeams;

    public CapacityViews(MongoDatabase planningDatabase) {
        this.plans = new AggregateViews(planningDatabase, TEAM_PLANS);
        this.cycleTeams = new ViewSets(planningDatabase, CYCLE_TEAMS);
        this.overrides = new ViewLogs(planningDatabase, OVERRIDES);
    }

    static String planId(String cycleId, String teamId) {
        return cycleId + "/" + teamId;
    }

    AggregateViews plans() {
        return plans;
    }

    ViewSets cycleTeams() {
        return cycleTeams;
    }

    /** By plan id. */
    ViewLogs overrides() {
        return overrides;
    }

    /** The person-weeks allocated to each initiative by these teams in the cycle (as of the instant, if one). */
    public Map<String, BigDecimal> allocations(String cycleId, Collection<String> teamIds, Instant asOf) {
        Map<String, BigDecimal> allocations = new HashMap<>();
        plans.findAll(teamIds.stream().map(teamId -> planId(cycleId, teamId)).toList(), asOf).values()
             .forEach(plan -> allocations(plan).forEach(
                     allocation -> allocations.put(allocation.getString("initiativeId"),
                                                   new BigDecimal(allocation.getString("personWeeks")))));
        return allocations;
    }

    /**
     * The plans of the teams that have one in the cycle, as of the instant (now, for none), and what they come to under
     * the cycle's policies (as the cycle's document knew them then).
     */
    public TeamPlans teamPlans(String cycleId, List<PolicyChange> cyclePolicies, Instant asOf) {
        List<String> teamIds = cycleTeams.find(cycleId).map(set -> ViewSets.members(set, asOf)).orElse(List.of());
        List<String> planIds = teamIds.stream().map(teamId -> planId(cycleId, teamId)).toList();
        List<Document> documents = new ArrayList<>(plans.findAll(planIds, asOf).values());
        Map<String, Document> overridesByPlan = overrides.findAll(planIds);
        List<TeamCapacity> teams = documents.stream().map(plan -> Capacity.team(
                                                    plan, ViewLogs.upTo(overridesByPlan.get(plan.getString("_id")),
                                                                        plan),
                                                    cyclePolicies))
                                            .sorted(Comparator.comparing(TeamCapacity::teamId)).toList();
        return new TeamPlans(teams, documents);
    }

    /** The teams' capacity and the plan documents it was computed from. */
    public record TeamPlans(List<TeamCapacity> teams, List<Document> documents) {
    }

    static List<Document> allocations(Document plan) {
        return plan.getList("allocations", Document.class);
    }
}
