package org.planningengine.query.export;

import com.fasterxml.jackson.databind.JsonNode;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.initiative.Category;
import org.planningengine.query.capacity.TeamCapacity;
import org.planningengine.query.cycle.CycleReads.Cycle;
import org.planningengine.query.cycle.CycleReads.CycleAnswer;
import org.planningengine.query.cycle.CycleReads.Cycles;
import org.planningengine.query.decision.DecisionReads.DecisionLog;
import org.planningengine.query.export.Export.Table;
import org.planningengine.query.okr.ObjectiveView;
import org.planningengine.query.plan.CapacityReads.CapacityAnswer;
import org.planningengine.query.plan.OkrReads.OkrAnswer;
import org.planningengine.query.plan.RetrospectiveReads.Retrospective;
import org.planningengine.query.plan.RoadmapReads.RoadmapAnswer;
import org.planningengine.query.roadmap.RoadmapDiff;
import org.planningengine.query.scenario.Comparison;
import org.planningengine.query.roadmap.RoadmapItem;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every cycle view and the decision log as tables, with the same numbers as their JSON. The roadmap's columns are
 * those an initiative import reads (title, teamId, category, reach, impact, confidence, effort), and the OKR view's
 * (a row per key result) those an OKR import reads, so an export can be imported into another cycle.
 */
final class ViewExports {

    /** The answer types that can be exported, each with its tables. */
    static final Map<Class<?>, Function<Object, Export>> BY_TYPE = new LinkedHashMap<>();

    static {
        register(Cycles.class, ViewExports::cycles);
        register(CycleAnswer.class, ViewExports::cycle);
        register(RoadmapAnswer.class, ViewExports::roadmap);
        register(RoadmapDiff.class, ViewExports::diff);
        register(CapacityAnswer.class, ViewExports::capacity);
        register(OkrAnswer.class, ViewExports::okrs);
        register(Retrospective.class, ViewExports::retrospective);
        register(DecisionLog.class, ViewExports::decisions);
        register(Comparison.class, ViewExports::comparison);
    }

    private ViewExports() {
    }

    private static <T> void register(Class<T> type, Function<T, Export> export) {
        BY_TYPE.put(type, answer -> export.apply(type.cast(answer)));
    }

    private static Export cycles(Cycles answer) {
        Table table = new Table(null, "id", "name", "status", "startDate", "endDate", "policy", "overlaps",
                                "archived");
        answer.cycles().forEach(cycle -> table.row(cycle.id(), cycle.name(), cycle.status(), cycle.startDate(),
                                                   cycle.endDate(), policy(cycle.policy()),
                                                   String.join(", ", cycle.overlaps()), cycle.archived()));
        return new Export("Cycles", facts(answer.asOf(), answer.lastEventAt()), List.of(table));
    }

    private static Export cycle(CycleAnswer cycle) {
        Table table = new Table(null, "id", "name", "status", "startDate", "endDate", "policy", "overlaps",
                                "archived")
                .row(cycle.id(), cycle.name(), cycle.status(), cycle.startDate(), cycle.endDate(),
                     policy(cycle.policy()), String.join(", ", cycle.overlaps()), cycle.archived());
        Table history = new Table("Policy history", "from", "source", "policy", "actor", "reason");
        cycle.policyHistory().forEach(change -> history.row(change.from(), change.source(), policy(change.policy()),
                                                            change.actor(), change.reason()));
        return new Export("Cycle " + cycle.id(), facts(cycle.asOf(), cycle.lastEventAt()), List.of(table, history));
    }

    private static Export roadmap(RoadmapAnswer answer) {
        Table table = new Table(null, "rank", "initiativeId", "title", "teamId", "category", "status", "reach",
                                "impact", "confidence", "effort", "score", "allocatedPersonWeeks", "keyResults",
                                "dependencyRisks", "archived");
        for (RoadmapItem item : answer.items()) {
            Optional<RoadmapItem.Rice> rice = Optional.ofNullable(item.rice());
            table.row(item.rank(), item.initiativeId(), item.title(), item.teamId(), item.category(), item.status(),
                      rice.map(RoadmapItem.Rice::reach).orElse(null), rice.map(RoadmapItem.Rice::impact).orElse(null),
                      rice.map(RoadmapItem.Rice::confidence).orElse(null),
                      rice.map(RoadmapItem.Rice::effort).orElse(null), rice.map(RoadmapItem.Rice::score).orElse(null),
                      item.allocatedPersonWeeks(),
                      joined(item.keyResults(), link -> link.objectiveId() + "/" + link.keyResultId()),
                      joined(item.dependencyRisks(), risk -> risk.dependsOn() + ": " + risk.reason()),
                      item.archived());
        }
        return new Export("Roadmap of " + answer.cycleId(), facts(answer.asOf(), answer.lastEventAt()),
                          List.of(table));
    }

    /** A row per change, in the diff's order: entered, left, then ranks, scores, statuses and allocations. */
    private static Export diff(RoadmapDiff diff) {
        Table table = new Table(null, "change", "initiativeId", "title", "from", "to");
        diff.entered().forEach(entry -> table.row("entered", entry.initiativeId(), entry.title(), null, entry.rank()));
        diff.left().forEach(entry -> table.row("left", entry.initiativeId(), entry.title(), entry.rank(), null));
        diff.rankChanges().forEach(c -> table.row("rank", c.initiativeId(), null, c.fromRank(), c.toRank()));
        diff.scoreChanges().forEach(c -> table.row("score", c.initiativeId(), null, c.fromScore(), c.toScore()));
        diff.statusChanges().forEach(c -> table.row("status", c.initiativeId(), null, c.fromStatus(), c.toStatus()));
        diff.allocationChanges().forEach(c -> table.row("allocation", c.initiativeId(), null, c.fromPersonWeeks(),
                                                        c.toPersonWeeks()));
        return new Export("Roadmap of " + diff.cycleId() + " from " + diff.from() + " to " + diff.to(), List.of(),
                          List.of(table));
    }

    /** A scenario against the plan (or another): the roadmap's changes, then capacity, guardrails and risks. */
    private static Export comparison(Comparison comparison) {
        Table teams = new Table("Teams", "teamId", "fromCapacity", "toCapacity", "fromAllocated", "toAllocated");
        comparison.teams().forEach(t -> teams.row(t.teamId(), t.fromCapacity(), t.toCapacity(), t.fromAllocated(),
                                                  t.toAllocated()));
        Table buckets = new Table("Buckets", "teamId", "bucket", "fromPersonWeeks", "toPersonWeeks", "fromShare",
                                  "toShare", "fromFlag", "toFlag");
        comparison.buckets().forEach(b -> buckets.row(b.teamId(), b.bucket(), b.fromPersonWeeks(), b.toPersonWeeks(),
                                                      b.fromShare(), b.toShare(), b.fromFlag(), b.toFlag()));
        Table broken = new Table("Guardrails broken", "teamId", "bucket", "targetShare", "tolerance", "share",
                                 "flag");
        comparison.guardrailsBroken().forEach(g -> broken.row(g.teamId(), g.bucket(), g.targetShare(), g.tolerance(),
                                                              g.share(), g.flag()));
        Table risks = new Table("Dependency risks", "change", "initiativeId", "dependsOn", "reason");
        comparison.risksAppeared().forEach(r -> risks.row("appeared", r.initiativeId(), r.dependsOn(), r.reason()));
        comparison.risksDisappeared().forEach(r -> risks.row("disappeared", r.initiativeId(), r.dependsOn(),
                                                             r.reason()));
        Table roadmap = diff(comparison.roadmap()).tables().get(0);
        return new Export("Scenario " + comparison.scenarioId() + " against " + comparison.against(),
                          List.of("As of " + comparison.asOf()),
                          List.of(new Table("Roadmap", roadmap.columns(), roadmap.rows()), teams, buckets, broken,
                                  risks));
    }

    /**
     * A row per team and bucket of its policy, then the organisation's (whose {@code archived} is empty); overrides
     * in Markdown only.
     */
    private static Export capacity(CapacityAnswer answer) {
        Table table = new Table(null, "scope", "teamId", "capacityPersonWeeks", "allocatedPersonWeeks",
                                "remainingPersonWeeks", "NEW_INITIATIVE", "KTLO", "TEAM_INITIATIVE", "policySource",
                                "bucket", "targetShare", "tolerance", "bucketPersonWeeks", "actualShare", "flag",
                                "archived");
        Table overrides = new Table("Guardrail overrides", "teamId", "at", "actor", "reason", "initiativeId",
                                    "bucket", "targetShare", "tolerance", "resultingShare");
        for (TeamCapacity team : answer.teams()) {
            for (TeamCapacity.Bucket bucket : team.buckets()) {
                table.row(bucketRow("team", team.teamId(), team.capacityPersonWeeks(), team.allocatedPersonWeeks(),
                                    team.remainingPersonWeeks(), team.byCategory(), team.policySource(), bucket,
                                    team.archived()));
            }
            team.overrides().forEach(o -> overrides.row(team.teamId(), o.at(), o.actor(), o.reason(),
                                                        o.initiativeId(), o.bucket(), o.targetShare(), o.tolerance(),
                                                        o.resultingShare()));
        }
        TeamCapacity.Totals organisation = answer.organisation();
        for (TeamCapacity.Bucket bucket : organisation.buckets()) {
            table.row(bucketRow("organisation", null, organisation.capacityPersonWeeks(),
                                organisation.allocatedPersonWeeks(), organisation.remainingPersonWeeks(),
                                organisation.byCategory(), "CYCLE", bucket, null));
        }
        return new Export("Capacity of " + answer.cycleId(), facts(answer.asOf(), answer.lastEventAt()),
                          List.of(table, overrides));
    }

    private static Object[] bucketRow(String scope, String teamId, Object capacity, Object allocated,
                                      Object remaining, Map<Category, ?> byCategory, String policySource,
                                      TeamCapacity.Bucket bucket, Boolean archived) {
        return new Object[]{scope, teamId, capacity, allocated, remaining, byCategory.get(Category.NEW_INITIATIVE),
                            byCategory.get(Category.KTLO), byCategory.get(Category.TEAM_INITIATIVE), policySource,
                            bucket.name(), bucket.targetShare(), bucket.tolerance(), bucket.allocatedPersonWeeks(),
                            bucket.actualShare(), bucket.flag(), archived};
    }

    /** A row per key result (an objective without any has one row of its own), objectives in the view's order. */
    private static Export okrs(OkrAnswer answer) {
        Table table = new Table(null, "objectiveId", "objective", "ownerTeamId", "parentObjectiveId", "status",
                                "objectiveProgress", "objectiveGrade", "objectiveRollup", "objectiveWeight",
                                "keyResultId", "keyResult", "metric", "unit", "baseline", "target", "current",
                                "progress", "confidence", "measuredAt", "lastCheckInAt", "grade", "weight",
                                "archived");
        for (ObjectiveView objective : answer.objectives()) {
            Object[] head = {objective.objectiveId(), objective.title(), objective.ownerTeamId(),
                             objective.parentObjectiveId(), objective.status(), objective.progress(),
                             objective.grade(), objective.rollup(), objective.weight()};
            if (objective.keyResults().isEmpty()) {
                Object[] none = new Object[14];
                none[13] = objective.archived();
                table.row(concat(head, none));
            }
            for (ObjectiveView.KeyResult kr : objective.keyResults()) {
                table.row(concat(head, new Object[]{kr.keyResultId(), kr.title(), kr.metric(), kr.unit(),
                                                    kr.baseline(), kr.target(), kr.current(), kr.progress(),
                                                    kr.confidence(), kr.measuredAt(), kr.lastCheckInAt(), kr.grade(),
                                                    kr.weight(), objective.archived()}));
            }
        }
        return new Export("OKRs of " + answer.cycleId(), facts(answer.asOf(), answer.lastEventAt()), List.of(table));
    }

    /** Its figures as one table of section, item and value; Markdown adds the decisions and the lessons. */
    private static Export retrospective(Retrospective retro) {
        Table figures = new Table(null, "section", "item", "value");
        figures.row("initiatives", "committed", retro.initiatives().committed())
               .row("initiatives", "done", retro.initiatives().done())
               .row("initiatives", "dropped", retro.initiatives().dropped())
               .row("initiatives", "deferred", retro.initiatives().deferred())
               .row("initiatives", "droppedAfterCommit", retro.initiatives().droppedAfterCommit())
               .row("churn", "rescores", retro.churn().rescores())
               .row("churn", "rankChanges", retro.churn().rankChanges())
               .row("churn", "dropsAfterCommit", retro.churn().dropsAfterCommit());
        if (retro.capacity().planned() != null) {
            retro.capacity().planned().buckets().forEach(
                    bucket -> figures.row("capacity planned", bucket.name() + " share", bucket.actualShare()));
        }
        retro.capacity().actual().buckets().forEach(
                bucket -> figures.row("capacity actual", bucket.name() + " share", bucket.actualShare()));
        retro.objectives().forEach(objective -> figures.row("objective grade", objective.title(), objective.grade()));
        Table timeline = new Table("Decisions", "at", "actor", "type", "subjectId", "reason");
        retro.decisions().forEach(d -> timeline.row(d.at(), d.actor(), d.type(), d.subjectId(), d.reason()));
        Table lessons = new Table("Lessons", "at", "actor", "subjectId", "text", "tags");
        retro.lessons().forEach(lesson -> lessons.row(lesson.at(), lesson.actor(), lesson.subjectId(), lesson.text(),
                                                      String.join(", ", lesson.tags())));
        return new Export("Retrospective of " + retro.cycleId(), facts(retro.asOf(), retro.lastEventAt()),
                          List.of(figures, timeline, lessons));
    }

    private static Export decisions(DecisionLog log) {
        Table table = new Table(null, "id", "at", "actor", "type", "cycleId", "subjectId", "reason", "rescore",
                                "values");
        log.decisions().forEach(d -> table.row(d.id(), d.at(), d.actor(), d.type(), d.cycleId(), d.subjectId(),
                                               d.reason(), d.rescore(), keyValues(d.values())));
        return new Export("Decisions", List.of(log.decisions().size() + " decisions"), List.of(table));
    }

    /**
     * "reach=300; impact=2; score=120.0": the decision's values in one cell, those it has (not null); a nested value
     * (a policy, a review's changes, the grades) as compact JSON; null for a decision recorded without values.
     */
    private static String keyValues(JsonNode values) {
        if (values == null) {
            return null;
        }
        List<String> pairs = new ArrayList<>();
        values.fields().forEachRemaining(field -> {
            JsonNode value = field.getValue();
            if (!value.isNull()) {
                pairs.add(field.getKey() + "=" + (value.isNumber() ? value.decimalValue().toPlainString()
                                                                   : value.isTextual() ? value.asText()
                                                                                       : value.toString()));
            }
        });
        return String.join("; ", pairs);
    }

    private static List<String> facts(Instant asOf, Instant lastEventAt) {
        return List.of("As of " + asOf, "Last event at " + (lastEventAt == null ? "none" : lastEventAt));
    }

    /** "new 50% (NEW_INITIATIVE); run 50% (KTLO, TEAM_INITIATIVE); tolerance 5". */
    private static String policy(CapacityPolicy policy) {
        return policy.buckets().stream().map(bucket -> bucket.name() + " " + bucket.share() + "% ("
                                                       + bucket.categories().stream().map(Enum::name)
                                                               .collect(Collectors.joining(", ")) + ")")
                     .collect(Collectors.joining("; ")) + "; tolerance " + policy.tolerance();
    }

    private static <T> String joined(List<T> values, Function<T, String> text) {
        return values.stream().map(text).collect(Collectors.joining("; "));
    }

    private static Object[] concat(Object[] head, Object[] tail) {
        Object[] row = new Object[head.length + tail.length];
        System.arraycopy(head, 0, row, 0, head.length);
        System.arraycopy(tail, 0, row, head.length, tail.length);
        return row;
    }
}
