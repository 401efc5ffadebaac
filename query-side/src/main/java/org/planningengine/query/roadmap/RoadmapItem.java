package org.planningengine.query.roadmap;

import java.math.BigDecimal;
import java.util.List;

/**
 * One initiative on a cycle's roadmap. {@code rank} is its place among the cycle's initiatives that are neither
 * dropped nor archived (those have none); {@code rice} is null until it is scored, and its score is rounded to 2
 * decimals from the exact inputs.
 */
public record RoadmapItem(Integer rank, String initiativeId, String title, String teamId, String category,
                          String status, boolean archived, Rice rice, BigDecimal allocatedPersonWeeks, List<KeyResultLink> keyResults,
                          List<DependencyRisk> dependencyRisks) {

    public record Rice(BigDecimal reach, BigDecimal impact, BigDecimal confidence, BigDecimal effort,
                       BigDecimal score) {
    }

    public record KeyResultLink(String objectiveId, String keyResultId) {
    }

    /** A dependency that puts this initiative at risk, and why. */
    public record DependencyRisk(String dependsOn, String reason) {
    }
}
