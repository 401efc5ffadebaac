package org.planningengine.events.capacity;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/**
 * A change took a bucket of a team's plan above its share plus tolerance of the team's capacity (or further above
 * it), and was made anyway: someone (the actor) said why (the reason), both in the metadata. The {@code cause} says
 * which change; {@code initiativeId} is the initiative allocated to when the cause is an allocation, and null for
 * every other cause. Shares are in percent of the team's capacity; the resulting one is rounded to 4 decimals.
 * <p>
 * Revision 1 knew allocations only: it reads as revision 2 with the cause {@link Cause#ALLOCATION}.
 */
@Revision("2")
public record GuardrailOverridden(String cycleId, String teamId, Cause cause, String initiativeId, String bucket,
                                  int targetShare, int tolerance, BigDecimal resultingShare) {

    /** The change that took the bucket over its limit. */
    public enum Cause {
        /** More person-weeks allocated to an initiative in the bucket. */
        ALLOCATION,
        /** The team's capacity lowered, so the same allocations are a larger share of it. */
        CAPACITY_LOWERED,
        /** The team took a policy of its own with a lower limit for the bucket. */
        TEAM_POLICY_CHANGED,
        /** The cycle's policy, which the team follows, changed to a lower limit for the bucket. */
        CYCLE_POLICY_CHANGED
    }
}
