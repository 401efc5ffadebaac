package org.planningengine.events.cycle;

import org.axonframework.serialization.Revision;

/**
 * The cycle recorded that one of its initiatives was committed: appended in the same commit as the initiative's own
 * {@code InitiativeCommitted} (the decision), on the cycle's stream, so that a commitment and the cycle's close
 * cannot pass each other unseen: one of them is appended first and the other is decided again on it.
 */
@Revision("1")
public record CommitmentRecorded(String cycleId, String initiativeId) {
}
