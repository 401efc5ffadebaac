package org.planningengine.events.team;

import org.axonframework.serialization.Revision;

/** A team of the organisation was registered, optionally inside a parent group. */
@Revision("1")
public record TeamRegistered(String teamId, String name, String parentId) {
}
