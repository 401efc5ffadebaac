package org.planningengine.events.team;

import org.axonframework.serialization.Revision;

/** An archived team was restored (the reason is in the event's metadata). */
@Revision("1")
public record TeamRestored(String teamId) {
}
