package org.planningengine.command.imports;

import java.util.List;

/** Rows of an all-or-nothing import break rules: nothing is imported. */
public class RowsRefused extends RuntimeException {

    private final List<ImportPlan.RowProblem> problems;

    RowsRefused(List<ImportPlan.RowProblem> problems, int rows) {
        super(problems.size() + " of " + rows + " rows break a rule, so nothing was imported (mode=skip-bad-rows "
              + "imports the others); the first: line " + problems.get(0).line() + ": " + problems.get(0).message());
        this.problems = problems;
    }

    public List<ImportPlan.RowProblem> problems() {
        return problems;
    }
}
