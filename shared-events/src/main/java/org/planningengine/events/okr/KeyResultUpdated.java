package org.planningengine.events.okr;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A check-in: the key result's value as measured at {@code measuredAt} and the owner's confidence (0–1). Carries the
 * key result's latest value and progress when it was recorded (null and 0 before the first), so the history shows
 * before and after; a measurement older than the latest one joins the trend without replacing it.
 * <p>
 * Revision 2 added {@code measuredAt}; a check-in of revision 1 was measured when it was recorded
 * ({@code KeyResultUpdatedUpcaster} takes the event's own timestamp).
 */
@Revision("2")
public record KeyResultUpdated(String objectiveId, String keyResultId, BigDecimal previousValue, BigDecimal value,
                               BigDecimal previousProgress, BigDecimal progress, BigDecimal confidence,
                               String comment, Instant measuredAt) {
}
