package org.planningengine.events.capacity;

import org.axonframework.serialization.Revision;
import org.planningengine.events.cycle.CapacityPolicy;

/**
 * The cycle's capacity policy changed, and this team's plan for the cycle, which follows the cycle's policy (it has
 * none of its own), now plans under the new one. It is appended with the cycle's {@code CapacityPolicyChanged}, in
 * the same commit, to every plan of the cycle that follows it: so a change of one team's plan decided under the old
 * policy and the policy change cannot both be appended.
 */
@Revision("1")
public record CyclePolicyAdopted(String cycleId, String teamId, CapacityPolicy previous, CapacityPolicy policy) {
}
