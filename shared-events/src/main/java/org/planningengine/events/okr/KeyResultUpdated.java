package org.planningengine.events.okr;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/**
 * A check-in: the key result's current value and the owner's confidence (0–1). Carries the value and progress it
 * replaced (null and 0 before the first), so the history shows before and after.
 */
@Revision("1")
public record KeyResultUpdated(String objectiveId, String keyResultId, BigDecimal previousValue, BigDecimal value,
                               BigDecimal previousProgress, BigDecimal progress, BigDecimal confidence,
                               String comment) {
}
