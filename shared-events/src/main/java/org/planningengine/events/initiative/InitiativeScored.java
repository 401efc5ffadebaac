package org.planningengine.events.initiative;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/**
 * An initiative was scored with RICE, or scored again, in the cycle it was in. Carries what it replaced (null the
 * first time), so the history shows before and after without replaying.
 * <p>
 * Revision 2 added {@code cycleId}; events of revision 1 are read with none ({@code InitiativeScoredUpcaster}).
 */
@Revision("2")
public record InitiativeScored(String initiativeId, String cycleId, RiceInputs previous, BigDecimal previousScore,
                               RiceInputs rice, BigDecimal score) {
}
