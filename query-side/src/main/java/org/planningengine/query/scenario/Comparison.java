package org.planningengine.query.scenario;

import org.planningengine.query.roadmap.RoadmapDiff;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What a scenario changes: {@code roadmap} as a diff from what it is compared with ({@code from}) to the scenario
 * ({@code to}); capacity per team and bucket where it differs; guardrails it breaks; dependency risks that appear
 * and disappear.
 *
 * @param against "plan", or the id of the other scenario
 */
public record Comparison(String scenarioId, String against, String cycleId, Instant asOf, RoadmapDiff roadmap,
                         List<TeamChange> teams, List<BucketChange> buckets, List<GuardrailBroken> guardrailsBroken,
                         List<Risk> risksAppeared, List<Risk> risksDisappeared) {

    /** A team's capacity and allocations, in what the scenario is compared with and in the scenario. */
    public record TeamChange(String teamId, BigDecimal fromCapacity, BigDecimal toCapacity, BigDecimal fromAllocated,
                             BigDecimal toAllocated) {
    }

    /** A team's capacity in one bucket, in what the scenario is compared with and in the scenario. */
    public record BucketChange(String teamId, String bucket, BigDecimal fromPersonWeeks, BigDecimal toPersonWeeks,
                               BigDecimal fromShare, BigDecimal toShare, String fromFlag, String toFlag) {
    }

    /** A bucket off its guardrail in the scenario that is within it in what it is compared with. */
    public record GuardrailBroken(String teamId, String bucket, int targetShare, int tolerance, BigDecimal share,
                                  String flag) {
    }

    /** An initiative's risk from one of its dependencies. */
    public record Risk(String initiativeId, String dependsOn, String reason) {
    }
}
