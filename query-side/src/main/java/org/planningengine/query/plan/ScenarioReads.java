package org.planningengine.query.plan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.bson.Document;
import org.planningengine.query.plan.CapacityReads.CapacityAnswer;
import org.planningengine.query.plan.RoadmapReads.RoadmapAnswer;
import org.planningengine.query.roadmap.RoadmapDiff;
import org.planningengine.query.roadmap.RoadmapItem;
import org.planningengine.query.roadmap.RoadmapItem.DependencyRisk;
import org.planningengine.query.scenario.Comparison;
import org.planningengine.query.scenario.Comparison.BucketChange;
import org.planningengine.query.scenario.Comparison.GuardrailBroken;
import org.planningengine.query.scenario.Comparison.Risk;
import org.planningengine.query.scenario.Comparison.TeamChange;
import org.planningengine.query.scenario.ScenarioBranches;
import org.planningengine.query.scenario.ScenarioViews;
import org.planningengine.query.capacity.TeamCapacity;
import org.planningengine.query.views.BadQuery;
import org.planningengine.query.views.ViewNotFound;
import org.planningengine.query.views.ViewTime;
import org.planningengine.security.Role;
import org.planningengine.security.web.LeastRole;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Scenarios: the list, one scenario, every read of the plan in one (the path after {@code /api/scenarios/{id}}, as
 * of any instant of its branch), and what a scenario changes against the plan now or another scenario.
 */
@RestController
@Tag(name = "Scenarios", description = "What-if scenarios: a cycle forked at an instant, changed apart from the plan")
class ScenarioReads {

    /** Reads a scenario has: the plan's views of cycles and what is in them, not the feed, webhooks or admin. */
    private static final Pattern IN_A_SCENARIO =
            Pattern.compile("/api/(cycles|initiatives|objectives|teams|decisions)(/.*)?");

    /**
     * @param teamId the team a lead's scenario is limited to; null for a planner's
     * @param status OPEN, DISCARDED or APPLIED; {@code closedBy}, {@code closedAt} and {@code closedBecause} say
     *               who discarded or applied it, when and why
     */
    record ScenarioAnswer(String id, String cycleId, String name, Instant forkedAt, String teamId, String status,
                          String createdBy, Instant createdAt, String closedBy, Instant closedAt,
                          String closedBecause, Integer appliedCommands, long version) {
    }

    record Scenarios(List<ScenarioAnswer> scenarios) {
    }

    private final ScenarioViews scenarios;
    private final ScenarioBranches branches;
    private final RoadmapReads roadmaps;
    private final CapacityReads capacity;

    ScenarioReads(ScenarioViews scenarios, ScenarioBranches branches, RoadmapReads roadmaps,
                  CapacityReads capacity) {
        this.scenarios = scenarios;
        this.branches = branches;
        this.roadmaps = roadmaps;
        this.capacity = capacity;
    }

    @Operation(summary = "The scenarios, open, discarded and applied, newest first")
    @LeastRole(Role.VIEWER)
    @GetMapping("/api/scenarios")
    Scenarios list(@RequestParam(required = false) String cycle) {
        List<ScenarioAnswer> all = new ArrayList<>();
        for (Document scenario : scenarios.every()) {
            if (cycle == null || cycle.equals(scenario.getString("cycleId"))) {
                all.add(answer(scenario));
            }
        }
        all.sort((one, other) -> other.createdAt().compareTo(one.createdAt()));
        return new Scenarios(all);
    }

    @Operation(summary = "A scenario")
    @LeastRole(Role.VIEWER)
    @GetMapping("/api/scenarios/{scenarioId}")
    ScenarioAnswer scenario(@PathVariable String scenarioId) {
        return answer(branches.scenario(scenarioId));
    }

    @Operation(summary = "What a scenario changes, against the plan now or another scenario")
    @LeastRole(Role.VIEWER)
    @GetMapping("/api/scenarios/{scenarioId}/compare")
    Comparison compare(@PathVariable String scenarioId, @RequestParam(required = false) String against) {
        Document scenario = branches.scenario(scenarioId);
        String cycleId = scenario.getString("cycleId");
        boolean withThePlan = against == null || against.isBlank() || against.equals("plan");
        if (!withThePlan && !cycleId.equals(branches.scenario(against).getString("cycleId"))) {
            throw new BadQuery("against", "scenario " + against + " is of another cycle than " + scenarioId);
        }
        Instant now = Instant.now();
        Supplier<RoadmapAnswer> roadmap = () -> roadmaps.roadmapAt(cycleId, now);
        Supplier<CapacityAnswer> capacityNow = () -> capacity.capacityAt(cycleId, now);
        RoadmapAnswer before = withThePlan ? roadmap.get() : branches.read(against, roadmap);
        CapacityAnswer capacityBefore = withThePlan ? capacityNow.get() : branches.read(against, capacityNow);
        RoadmapAnswer after = branches.read(scenarioId, roadmap);
        CapacityAnswer capacityAfter = branches.read(scenarioId, capacityNow);
        List<Risk> risksBefore = risks(before.items());
        List<Risk> risksAfter = risks(after.items());
        return new Comparison(scenarioId, withThePlan ? "plan" : against, cycleId, now,
                              RoadmapDiff.between(cycleId, now, now, before.items(), after.items()),
                              teams(capacityBefore, capacityAfter), buckets(capacityBefore, capacityAfter),
                              broken(capacityBefore, capacityAfter),
                              risksAfter.stream().filter(risk -> !risksBefore.contains(risk)).toList(),
                              risksBefore.stream().filter(risk -> !risksAfter.contains(risk)).toList());
    }

    /**
     * A read of the plan in the scenario: the request goes on to the plan's own endpoint, in the scenario's views,
     * brought up to its branch first. Its parameters are the plan's endpoint's, which checks them.
     */
    @Operation(summary = "Any read of the plan in a scenario: the path after /api/scenarios/{scenarioId}")
    @LeastRole(Role.VIEWER)
    @GetMapping("/api/scenarios/{scenarioId}/**")
    void read(@PathVariable String scenarioId, @RequestParam Map<String, String> plansParameters,
              HttpServletRequest request, HttpServletResponse response) {
        String prefix = request.getContextPath() + "/api/scenarios/" + scenarioId;
        String path = "/api" + request.getRequestURI().substring(prefix.length());
        if (!IN_A_SCENARIO.matcher(path).matches()) {
            throw new ViewNotFound("GET " + path + " is not read in a scenario: it reads the plan's views of cycles, "
                                   + "initiatives, objectives, teams and decisions");
        }
        branches.read(scenarioId, () -> {
            try {
                request.getRequestDispatcher(path).forward(request, response);
            } catch (ServletException | IOException failed) {
                throw new IllegalStateException("The read could not go on to " + path, failed);
            }
            return null;
        });
    }

    private static ScenarioAnswer answer(Document scenario) {
        return new ScenarioAnswer(scenario.getString("_id"), scenario.getString("cycleId"), scenario.getString("name"),
                                  ViewTime.parse(scenario.getString("forkedAt")), scenario.getString("teamId"),
                                  scenario.getString("status"), scenario.getString("createdBy"),
                                  ViewTime.parse(scenario.getString("createdAt")), scenario.getString("closedBy"),
                                  ViewTime.parse(scenario.getString("closedAt")), scenario.getString("closedBecause"),
                                  scenario.getInteger("appliedCommands"),
                                  scenario.get("seq", Number.class).longValue());
    }

    private static List<Risk> risks(List<RoadmapItem> items) {
        List<Risk> risks = new ArrayList<>();
        for (RoadmapItem item : items) {
            for (DependencyRisk risk : item.dependencyRisks()) {
                risks.add(new Risk(item.initiativeId(), risk.dependsOn(), risk.reason()));
            }
        }
        return risks;
    }

    private static List<TeamChange> teams(CapacityAnswer before, CapacityAnswer after) {
        Map<String, TeamCapacity> then = byTeam(before);
        Map<String, TeamCapacity> now = byTeam(after);
        List<TeamChange> changes = new ArrayList<>();
        for (String teamId : teamIds(then, now)) {
            TeamCapacity from = then.get(teamId);
            TeamCapacity to = now.get(teamId);
            BigDecimal fromCapacity = from == null ? null : from.capacityPersonWeeks();
            BigDecimal toCapacity = to == null ? null : to.capacityPersonWeeks();
            BigDecimal fromAllocated = from == null ? null : from.allocatedPersonWeeks();
            BigDecimal toAllocated = to == null ? null : to.allocatedPersonWeeks();
            if (!same(fromCapacity, toCapacity) || !same(fromAllocated, toAllocated)) {
                changes.add(new TeamChange(teamId, fromCapacity, toCapacity, fromAllocated, toAllocated));
            }
        }
        return changes;
    }

    private static List<BucketChange> buckets(CapacityAnswer before, CapacityAnswer after) {
        Map<String, TeamCapacity> then = byTeam(before);
        Map<String, TeamCapacity> now = byTeam(after);
        List<BucketChange> changes = new ArrayList<>();
        for (String teamId : teamIds(then, now)) {
            Map<String, TeamCapacity.Bucket> from = byBucket(then.get(teamId));
            Map<String, TeamCapacity.Bucket> to = byBucket(now.get(teamId));
            Set<String> names = new LinkedHashSet<>(from.keySet());
            names.addAll(to.keySet());
            for (String name : names) {
                TeamCapacity.Bucket one = from.get(name);
                TeamCapacity.Bucket other = to.get(name);
                BucketChange change = new BucketChange(
                        teamId, name, one == null ? null : one.allocatedPersonWeeks(),
                        other == null ? null : other.allocatedPersonWeeks(), one == null ? null : one.actualShare(),
                        other == null ? null : other.actualShare(), one == null ? null : one.flag(),
                        other == null ? null : other.flag());
                if (!same(change.fromPersonWeeks(), change.toPersonWeeks()) || !same(change.fromShare(),
                                                                                     change.toShare())
                    || !Objects.equals(change.fromFlag(), change.toFlag())) {
                    changes.add(change);
                }
            }
        }
        return changes;
    }

    private static List<GuardrailBroken> broken(CapacityAnswer before, CapacityAnswer after) {
        Map<String, TeamCapacity> then = byTeam(before);
        List<GuardrailBroken> broken = new ArrayList<>();
        for (TeamCapacity team : after.teams()) {
            Map<String, TeamCapacity.Bucket> earlier = byBucket(then.get(team.teamId()));
            for (TeamCapacity.Bucket bucket : team.buckets()) {
                TeamCapacity.Bucket was = earlier.get(bucket.name());
                if (!bucket.withinTolerance() && (was == null || was.withinTolerance())) {
                    broken.add(new GuardrailBroken(team.teamId(), bucket.name(), bucket.targetShare(),
                                                   bucket.tolerance(), bucket.actualShare(), bucket.flag()));
                }
            }
        }
        return broken;
    }

    private static Map<String, TeamCapacity> byTeam(CapacityAnswer answer) {
        Map<String, TeamCapacity> teams = new LinkedHashMap<>();
        answer.teams().forEach(team -> teams.put(team.teamId(), team));
        return teams;
    }

    private static Set<String> teamIds(Map<String, TeamCapacity> then, Map<String, TeamCapacity> now) {
        Set<String> ids = new LinkedHashSet<>(then.keySet());
        ids.addAll(now.keySet());
        return ids;
    }

    private static Map<String, TeamCapacity.Bucket> byBucket(TeamCapacity team) {
        Map<String, TeamCapacity.Bucket> buckets = new LinkedHashMap<>();
        if (team != null) {
            team.buckets().forEach(bucket -> buckets.put(bucket.name(), bucket));
        }
        return buckets;
    }

    private static boolean same(BigDecimal one, BigDecimal other) {
        return one == null ? other == null : other != null && one.compareTo(other) == 0;
    }
}
