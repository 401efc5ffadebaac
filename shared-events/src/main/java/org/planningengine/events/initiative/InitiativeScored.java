package org.planningengine.events.initiative;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/**
 * An initiative was scored with RICE, or scored again. Carries what it replaced (null the first time), so the
 * history shows before and after without replaying.
 */
@Revision("1")
public record InitiativeScored(String initiativeId, RiceInputs previous, BigDecimal previousScore,
                               RiceInputs rice, BigDecimal score) {
}
