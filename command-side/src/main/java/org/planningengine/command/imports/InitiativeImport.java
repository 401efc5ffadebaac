package org.planningengine.command.imports;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.planningengine.command.PlanRegistry;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.Rules;
import org.planningengine.command.Slugs;
import org.planningengine.command.initiative.Initiative;
import org.planningengine.command.initiative.ProposeInitiative;
import org.planningengine.command.initiative.RiceRules;
import org.planningengine.command.initiative.ScoreInitiative;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.initiative.Category;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Initiatives from a file: each row is proposed (ProposeInitiative) and, when it has RICE numbers, scored
 * (ScoreInitiative), both checked by the initiative's own rules before anything is sent.
 */
final class InitiativeImport {

    static final List<ImportFile.Column> COLUMNS = List.of(
            new ImportFile.Column("title", true, "title", "name", "summary"),
            new ImportFile.Column("team", true, "team", "team id", "owner team"),
            new ImportFile.Column("category", true, "category", "type"),
            new ImportFile.Column("reach", false, "reach"),
            new ImportFile.Column("impact", false, "impact"),
            new ImportFile.Column("confidence", false, "confidence"),
            new ImportFile.Column("effort", false, "effort"),
            new ImportFile.Column("description", false, "description"),
            new ImportFile.Column("reason", false, "reason"));
    private static final List<String> RICE = List.of("reach", "impact", "confidence", "effort");

    private InitiativeImport() {
    }

    static ImportPlan plan(String cycleId, String importId, ImportFile file, Scales scales, PlanRegistry registry,
                           EventStorageEngine log) {
        List<ImportPlan.PlannedRow> rows = new ArrayList<>();
        List<ImportPlan.RowProblem> problems = new ArrayList<>();
        Map<Map<String, String>, Integer> seen = new HashMap<>();
        for (ImportFile.Row row : file.rows()) {
            // The same values twice in a file are two initiatives (a spreadsheet may list one idea per team).
            int occurrence = seen.merge(row.values(), 1, Integer::sum);
            try {
                List<ImportPlan.Step> steps = steps(cycleId, importId, row, occurrence, scales, registry, log);
                rows.add(new ImportPlan.PlannedRow(row.line(), Imports.reason(importId, row.get("reason")), steps));
            } catch (RuntimeException broken) {
                problems.add(Imports.problem(row.line(), broken));
            }
        }
        return new ImportPlan(rows, problems, List.of());
    }

    private static List<ImportPlan.Step> steps(String cycleId, String importId, ImportFile.Row row, int occurrence,
                                               Scales scales, PlanRegistry registry, EventStorageEngine log) {
        String title = row.get("title");
        Rules.requireText("team", row.get("team"), Rules.MAX_NAME);
        String id = Slugs.fromTitle(title, cycleId + "\n" + row.values() + "\n" + occurrence);
        ProposeInitiative propose = new ProposeInitiative(id, cycleId, row.get("team"), title,
                                                          row.get("description"), category(row.get("category")));
        Initiative.requireProposable(propose, registry);
        String aggregateId = AggregateIds.initiative(id);
        List<ImportPlan.Step> steps = new ArrayList<>(List.of(new ImportPlan.Step(
                propose, "InitiativeProposed", () -> log.lastSequenceNumberFor(aggregateId).isPresent())));
        List<String> missing = RICE.stream().filter(column -> row.get(column) == null).toList();
        if (missing.size() < RICE.size()) {
            if (!missing.isEmpty()) {
                throw new RuleViolated(missing.get(0), "reach, impact, confidence and effort go together; this row "
                                                       + "has no " + String.join(", ", missing));
            }
            ScoreInitiative score = new ScoreInitiative(id, Scales.number("reach", row.get("reach")),
                                                        scales.impact(row.get("impact")),
                                                        scales.confidence(row.get("confidence")),
                                                        scales.effort(row.get("effort")),
                                                        Imports.reason(importId, row.get("reason")));
            RiceRules.check(score);
            // Scored once the log holds more than the proposal (a later change counts too: it is not undone).
            steps.add(new ImportPlan.Step(score, "InitiativeScored",
                                          () -> log.lastSequenceNumberFor(aggregateId).orElse(-1L) >= 1));
        }
        return steps;
    }

    /** NEW_INITIATIVE, KTLO or TEAM_INITIATIVE, in any case and with spaces or '-' for '_'. */
    private static Category category(String value) {
        String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        return Stream.of(Category.values()).filter(category -> category.name().equals(name)).findFirst().orElseThrow(
                () -> new RuleViolated("category", "category must be one of "
                                                   + Arrays.toString(Category.values()) + " (was "
                                                   + (value == null ? "missing" : "'" + value + "'") + ")"));
    }
}
