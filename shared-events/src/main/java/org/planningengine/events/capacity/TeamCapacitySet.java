package org.planningengine.events.capacity;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/** What a team can spend in a cycle, in person-weeks, was set; carries what it was before (0 at first). */
@Revision("1")
public record TeamCapacitySet(String cycleId, String teamId, BigDecimal previousPersonWeeks,
                              BigDecimal personWeeks) {
}
