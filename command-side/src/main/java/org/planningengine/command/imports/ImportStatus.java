package org.planningengine.command.imports;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What an import answers, and its status endpoint while it runs and after.
 *
 * @param status         RUNNING, DONE or FAILED; DRY_RUN for a dry run, which appends nothing
 * @param columns        which column of the file each column of the import was read from
 * @param ignoredColumns the file's columns the import does not read
 * @param rules          how the numbers were read (the scales of impact, confidence and effort)
 * @param rows           the rows of the file
 * @param rowsDone       rows handled so far: imported, found imported before, or refused
 * @param progress       rowsDone ÷ rows
 * @param alreadyImported rows that appended nothing because the log already holds them
 * @param events         events appended by type (for a dry run: those it would append)
 * @param badRows        rows refused, with their line and why (skipped with mode skip-bad-rows)
 * @param failure        why a FAILED import stopped; what it appended stays, and sending the file again finishes it
 */
public record ImportStatus(String id, String kind, String cycleId, String status, String mode, String actor,
                    String fileSha256, Map<String, String> columns, List<String> ignoredColumns, List<String> rules,
                    int rows, int rowsDone, double progress, int alreadyImported, Map<String, Integer> events,
                    List<ImportPlan.RowProblem> badRows, String failure, Instant submittedAt, Instant updatedAt,
                    Instant finishedAt) {

    static final String RUNNING = "RUNNING";
    static final String DONE = "DONE";
    static final String FAILED = "FAILED";
    static final String DRY_RUN = "DRY_RUN";

    boolean running() {
        return status.equals(RUNNING);
    }
}
