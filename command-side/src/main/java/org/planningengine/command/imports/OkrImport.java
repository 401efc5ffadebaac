package org.planningengine.command.imports;

import org.planningengine.command.PlanRegistry;
import org.planningengine.command.PlanRegistry.ObjectiveFacts;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.Slugs;
import org.planningengine.command.okr.AddKeyResult;
import org.planningengine.command.okr.Objective;
import org.planningengine.command.okr.SetObjective;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Objectives and key results from a file, a key result per row: the rows of one objective (by its id column, else
 * its title and team) set it once (SetObjective) and add their key results (AddKeyResult). A parent is another
 * objective of the file (by id or title) or an objective of the cycle (by id); parents are set before their children.
 */
final class OkrImport {

    static final List<ImportFile.Column> COLUMNS = List.of(
            new ImportFile.Column("objective", true, "objective", "objective title"),
            new ImportFile.Column("objectiveId", false, "objective id"),
            new ImportFile.Column("team", false, "owner team", "owner team id", "team", "owner"),
            new ImportFile.Column("parent", false, "parent", "parent objective", "parent objective id"),
            new ImportFile.Column("keyResult", false, "key result", "key result title", "kr"),
            new ImportFile.Column("metric", false, "metric"),
            new ImportFile.Column("unit", false, "unit"),
            new ImportFile.Column("baseline", false, "baseline"),
            new ImportFile.Column("target", false, "target"));
    private static final List<String> KEY_RESULT = List.of("keyResult", "metric", "unit", "baseline", "target");

    /** The rows of one objective; {@code refusal} says why all of them are refused, when they are. */
    private static final class Group {
        final String key;
        final ImportFile.Row first;
        final String id;
        final List<ImportFile.Row> rows = new ArrayList<>();
        Group parent;
        String existingParentId;
        String refusal;

        Group(String key, ImportFile.Row first, String cycleId) {
            this.key = key;
            this.first = first;
            this.id = Slugs.fromTitle(first.get("objective"), cycleId + "\nobjective\n" + key);
        }

        String title() {
            return first.get("objective");
        }

        String team() {
            return first.get("team");
        }
    }

    private OkrImport() {
    }

    static ImportPlan plan(String cycleId, String importId, ImportFile file, PlanRegistry registry) {
        List<ImportPlan.RowProblem> problems = new ArrayList<>();
        Map<String, Group> groups = new LinkedHashMap<>();
        for (ImportFile.Row row : file.rows()) {
            String title = row.get("objective");
            if (title == null) {
                problems.add(new ImportPlan.RowProblem(row.line(), "objective", "objective is required"));
                continue;
            }
            String key = Objects.requireNonNullElse(row.get("objectiveId"),
                                                    title + "\n" + Objects.requireNonNullElse(row.get("team"), ""))
                                .toLowerCase(Locale.ROOT);
            Group group = groups.computeIfAbsent(key, k -> new Group(k, row, cycleId));
            for (String column : List.of("team", "parent")) {
                if (!Objects.equals(row.get(column), group.first.get(column))) {
                    problems.add(new ImportPlan.RowProblem(row.line(), column, "objective '" + title + "' has "
                            + column + " '" + group.first.get(column) + "' on line " + group.first.line()
                            + " and '" + row.get(column) + "' here"));
                }
            }
            group.rows.add(row);
        }
        groups.values().forEach(group -> check(group, groups, cycleId, registry));
        List<Group> ordered = new ArrayList<>();
        groups.values().forEach(group -> parentsFirst(group, new LinkedHashSet<>(), ordered));
        List<ImportPlan.PlannedRow> rows = new ArrayList<>();
        Set<Integer> refusedLines = new LinkedHashSet<>(problems.stream().map(ImportPlan.RowProblem::line).toList());
        for (Group group : ordered) {
            if (group.refusal != null) {
                group.rows.forEach(row -> problems.add(new ImportPlan.RowProblem(row.line(), null, group.refusal)));
                continue;
            }
            Map<Map<String, String>, Integer> seen = new HashMap<>();
            for (ImportFile.Row row : group.rows) {
                int occurrence = seen.merge(row.values(), 1, Integer::sum);
                if (refusedLines.contains(row.line())) {
                    continue;
                }
                try {
                    rows.add(new ImportPlan.PlannedRow(row.line(), Imports.reason(importId, null),
                                                       steps(group, row, occurrence, cycleId, registry)));
                } catch (RuntimeException broken) {
                    problems.add(Imports.problem(row.line(), broken));
                }
            }
        }
        problems.sort((one, other) -> Integer.compare(one.line(), other.line()));
        return new ImportPlan(rows, problems, groups.values().stream().map(Group::team).distinct().toList());
    }

    /** Finds the group's parent and checks it by the objective's rules; a refusal is kept on the group. */
    private static void check(Group group, Map<String, Group> groups, String cycleId, PlanRegistry registry) {
        String parent = group.first.get("parent");
        try {
            if (parent != null) {
                List<Group> named = groups.values().stream()
                                          .filter(other -> parent.equalsIgnoreCase(other.first.get("objectiveId"))
                                                           || parent.equalsIgnoreCase(other.title()))
                                          .toList();
                if (named.size() > 1) {
                    throw new RuleViolated("parent", "parent '" + parent + "' names " + named.size()
                                                     + " objectives of the file; name it by its id");
                }
                if (named.isEmpty() && registry.objective(parent).map(ObjectiveFacts::cycleId)
                                               .filter(cycleId::equals).isEmpty()) {
                    throw new RuleViolated("parent", "parent '" + parent + "' is neither an objective of the file "
                                                     + "nor of cycle " + cycleId);
                }
                group.parent = named.isEmpty() ? null : named.get(0);
                group.existingParentId = named.isEmpty() ? parent : null;
            }
            Objective.requireSettable(new SetObjective(group.id, cycleId, group.team(), group.title(),
                                                       group.existingParentId), registry);
        } catch (RuntimeException broken) {
            group.refusal = "objective '" + group.title() + "': " + broken.getMessage();
        }
    }

    /** Appends the group after its parents; a loop of parents, or a refused parent, refuses the group. */
    private static void parentsFirst(Group group, Set<Group> path, List<Group> ordered) {
        if (ordered.contains(group)) {
            return;
        }
        if (!path.add(group)) {
            group.refusal = "objective '" + group.title() + "': its parents form a loop";
            return;
        }
        if (group.parent != null) {
            parentsFirst(group.parent, path, ordered);
            if (group.parent.refusal != null && group.refusal == null) {
                group.refusal = "objective '" + group.title() + "': its parent '" + group.parent.title()
                                + "' is refused on line " + group.parent.first.line();
            }
        }
        if (!ordered.contains(group)) {
            ordered.add(group);
        }
    }

    private static List<ImportPlan.Step> steps(Group group, ImportFile.Row row, int occurrence, String cycleId,
                                               PlanRegistry registry) {
        List<ImportPlan.Step> steps = new ArrayList<>();
        if (row == group.first) {
            String parentId = group.parent != null ? group.parent.id : group.existingParentId;
            steps.add(new ImportPlan.Step(new SetObjective(group.id, cycleId, group.team(), group.title(), parentId),
                                          "ObjectiveSet", () -> registry.objective(group.id).isPresent()));
        }
        List<String> given = KEY_RESULT.stream().filter(column -> row.get(column) != null).toList();
        if (given.isEmpty()) {
            return steps;
        }
        if (row.get("keyResult") == null) {
            throw new RuleViolated("keyResult", "a key result needs its title besides " + String.join(", ", given));
        }
        String keyResultId = Slugs.fromTitle(row.get("keyResult"), group.id + "\n" + row.values() + "\n" + occurrence);
        AddKeyResult add = new AddKeyResult(group.id, keyResultId, row.get("keyResult"), row.get("metric"),
                                            row.get("unit"), number(row, "baseline"), number(row, "target"), null,
                                            null);
        Objective.requireMeasurable(add);
        steps.add(new ImportPlan.Step(add, "KeyResultAdded", () -> registry.objective(group.id).map(
                objective -> objective.keyResultIds().contains(keyResultId)).orElse(false)));
        return steps;
    }

    private static java.math.BigDecimal number(ImportFile.Row row, String column) {
        return row.get(column) == null ? null : Scales.number(column, row.get(column));
    }
}
