package org.planningengine.query.okr;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An objective of a cycle as the OKR view shows it. Progress and grades are fractions of 1 (4 decimals); an
 * objective's progress rolls up its key results' and that of the objectives under it ({@link Rollup}), its grade is
 * the mean of its key results' grades once graded.
 *
 * @param children    the objectives of the cycle aligned under this one, of those the view shows
 * @param rollup      how its progress rolls up its parts: {@code MEAN} or {@code WEIGHTED}
 * @param weight      the weight it counts with in its parent's progress; null at the top of the tree
 * @param lastEventAt the time of the latest event of this objective and of those under it
 */
public record ObjectiveView(String objectiveId, String title, String ownerTeamId, String parentObjectiveId,
                            List<String> children, String status, boolean archived, BigDecimal progress,
                            String rollup, BigDecimal weight, BigDecimal grade, String predecessorObjectiveId,
                            String successorObjectiveId, List<Review> reviews, List<KeyResult> keyResults,
                            Instant lastEventAt) {

    /**
     * @param current         the value measured last (of two measured at the same instant, the one recorded later)
     * @param measuredAt      when it was measured
     * @param lastCheckInAt   when the check-in that gave it was recorded
     * @param weight          the weight it counts with in its objective's progress
     * @param confidenceTrend every check-in, in the order they were measured
     */
    public record KeyResult(String keyResultId, String title, String metric, String unit, String direction,
                            String spaceDimension, BigDecimal baseline, BigDecimal target, BigDecimal current,
                            BigDecimal progress, BigDecimal confidence, Instant measuredAt, Instant lastCheckInAt,
                            BigDecimal grade, BigDecimal weight, List<CheckIn> confidenceTrend,
                            List<String> initiatives) {
    }

    /** @param at when it was recorded, which is also when the views show it from */
    public record CheckIn(Instant at, Instant measuredAt, BigDecimal value, BigDecimal progress, BigDecimal confidence,
                          String comment, String actor) {
    }

    public record Review(Instant at, String outcome, String reason, String actor, List<Change> changes) {
    }

    public record Change(String field, String from, String to) {
    }
}
