package org.planningengine.events.capacity;

import org.axonframework.serialization.Revision;
import org.planningengine.events.initiative.Category;

import java.math.BigDecimal;

/**
 * Person-weeks of a team's capacity in a cycle were given to one of its initiatives: the initiative's allocation is
 * now {@code personWeeks} (0 releases it), in place of {@code previousPersonWeeks}. The category is the initiative's,
 * which decides the bucket the person-weeks count in.
 */
@Revision("1")
public record CapacityAllocated(String cycleId, String teamId, String initiativeId, Category category,
                                BigDecimal previousPersonWeeks, BigDecimal personWeeks) {
}
