package org.planningengine.command.imports;

import org.planningengine.command.AggregateCommand;

import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What an import will send, row by row in the order it sends them, and the rows it refuses.
 *
 * @param teams the teams the rows act for (null: the organisation), which the caller must be allowed to act for
 */
record ImportPlan(List<PlannedRow> rows, List<RowProblem> problems, List<String> teams) {

    /**
     * A command of a row, the event it appends, and how to tell that the log already holds it (the row was imported
     * before): ids are digested from the cycle and the row, so the same row makes the same ids.
     */
    record Step(AggregateCommand command, String event, BooleanSupplier inLog) {
    }

    /** A row's steps, and the reason its events carry (the import's id, and the row's own reason if it gives one). */
    record PlannedRow(int line, String reason, List<Step> steps) {
    }

    /** A row that breaks a rule: its line in the file, the column at fault (null: the row), and why. */
    record RowProblem(int line, String field, String message) {
    }
}
