package org.planningengine.events.cycle;

import org.axonframework.serialization.Revision;

/** The cycle ended; nothing in it is scored or allocated any more. */
@Revision("1")
public record CycleClosed(String cycleId) {
}
