package org.planningengine.query.capacity;

import io.swagger.v3.oas.annotations.media.Schema;
import org.planningengine.events.capacity.GuardrailOverridden;
import org.planningengine.events.initiative.Category;
import org.planningengine.query.views.PolicyChange;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One team's capacity in a cycle, in person-weeks; shares in percent of its capacity, to 2 decimals.
 *
 * @param version        the version of the team's plan for the cycle, which its capacity writes take as
 *                       {@code If-Match} (the plan has no read of its own)
 * @param archived       whether the team is archived (its plan is known from its own events: false until a read
 *                       that knows the teams says otherwise, {@link #archived(boolean)})
 * @param policySource   TEAM when the team's own policy applies, else CYCLE
 * @param policyHistory  which policy applied from when: the cycle's until the team took its own
 */
public record TeamCapacity(String teamId, long version, boolean archived, BigDecimal capacityPersonWeeks,
                           BigDecimal allocatedPersonWeeks, BigDecimal remainingPersonWeeks,
                           Map<Category, BigDecimal> byCategory, String policySource, List<Bucket> buckets,
                           List<PolicyChange> policyHistory, List<Override> overrides) {

    /** The same capacity, of a team archived or not. */
    public TeamCapacity archived(boolean isArchived) {
        return new TeamCapacity(teamId, version, isArchived, capacityPersonWeeks, allocatedPersonWeeks,
                                remainingPersonWeeks, byCategory, policySource, buckets, policyHistory, overrides);
    }

    /**
     * A bucket of the policy that applies. {@code flag} is OVER or UNDER when the actual share is further than the
     * tolerance from the target, else WITHIN (also when there is no capacity to share).
     */
    // Named: another type of the API has the same simple name
    @Schema(name = "BucketUse")
    public record Bucket(String name, List<Category> categories, int targetShare, int tolerance,
                         BigDecimal allocatedPersonWeeks, BigDecimal actualShare, boolean withinTolerance,
                         String flag) {
    }

    /**
     * A guardrail passed with a reason, and the change that took the bucket over: {@code initiativeId} is the
     * initiative of an allocation, null for the other causes.
     */
    public record Override(Instant at, String actor, String reason, GuardrailOverridden.Cause cause,
                           String initiativeId, String bucket, int targetShare, int tolerance,
                           BigDecimal resultingShare) {
    }

    /** The whole organisation: sums of the teams' person-weeks, shares recomputed from the sums. */
    public record Totals(BigDecimal capacityPersonWeeks, BigDecimal allocatedPersonWeeks,
                         BigDecimal remainingPersonWeeks, Map<Category, BigDecimal> byCategory,
                         List<Bucket> buckets) {
    }
}
