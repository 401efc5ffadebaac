package org.planningengine.events.cycle;

import org.axonframework.serialization.Revision;

/**
 * The cycle's capacity policy changed from now on; allocations made before keep the checks they passed. Carries the
 * policy it replaced.
 */
@Revision("1")
public record CapacityPolicyChanged(String cycleId, CapacityPolicy previous, CapacityPolicy policy) {
}
