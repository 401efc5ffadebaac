package org.planningengine.query.okr;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An objective of a cycle as the OKR view shows it. Progress and grades are fractions of 1 (4 decimals); an
 * objective's progress is the mean of its key results' (null without key results), its grade the mean of their
 * grades once graded.
 *
 * @param children the objectives of the cycle aligned under this one, of those the view shows
 */
public record ObjectiveView(String objectiveId, String title, String ownerTeamId, String parentObjectiveId,
                            List<String> children, String status, boolean archived, BigDecimal progress,
                            BigDecimal grade,
                            String predecessorObjectiveId, String successorObjectiveId, List<Review> reviews,
                            List<KeyResult> keyResults, Instant lastEventAt) {

    /** @param confidenceTrend every check-in, in order */
    public record KeyResult(String keyResultId, String title, String metric, String unit, String direction,
                            String spaceDimension, BigDecimal baseline, BigDecimal target, BigDecimal current,
                            BigDecimal progress, BigDecimal confidence, Instant lastCheckInAt, BigDecimal grade,
                            List<CheckIn> confidenceTrend, List<String> initiatives) {
    }

    public record CheckIn(Instant at, BigDecimal value, BigDecimal progress, BigDecimal confidence, String comment,
                          String actor) {
    }

    public record Review(Instant at, String outcome, String reason, String actor, List<Change> changes) {
    }

    public record Change(String field, String from, String to) {
    }
}
