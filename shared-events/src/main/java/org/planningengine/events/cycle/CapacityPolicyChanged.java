package org.planningengine.events.cycle;

import org.axonframework.serialization.Revision;

/**
 * The cycle's capacity policy changed from now on. Carries the policy it replaced. Every team plan of the cycle that
 * follows it adopts it in the same commit ({@code CyclePolicyAdopted}), with a {@code GuardrailOverridden} for each
 * bucket the new policy takes over its limit (the change is refused without an override reason).
 */
@Revision("1")
public record CapacityPolicyChanged(String cycleId, CapacityPolicy previous, CapacityPolicy policy) {
}
