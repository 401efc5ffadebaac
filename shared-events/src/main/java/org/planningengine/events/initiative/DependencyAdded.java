package org.planningengine.events.initiative;

import org.axonframework.serialization.Revision;

/** An initiative now depends on another one, often another team's. */
@Revision("1")
public record DependencyAdded(String initiativeId, String dependsOn) {
}
