package org.planningengine.events.cycle;

import org.axonframework.serialization.Revision;

/** The cycle's plan was committed: planning is over, the plan is what the teams work to. */
@Revision("1")
public record PlanCommitted(String cycleId) {
}
