package org.planningengine.events.capacity;

import org.axonframework.serialization.Revision;
import org.planningengine.events.cycle.CapacityPolicy;

/**
 * A team took a capacity policy of its own for one cycle, in place of the cycle's from now on. {@code previous} is
 * the team's own policy it replaced, null when the team followed the cycle's.
 */
@Revision("1")
public record TeamPolicyOverridden(String cycleId, String teamId, CapacityPolicy previous, CapacityPolicy policy) {
}
