package org.planningengine.events.okr;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;

/** A measurable outcome was added to an objective: from baseline to target, in a unit, one way. */
@Revision("1")
public record KeyResultAdded(String objectiveId, String keyResultId, String title, String metric, String unit,
                             BigDecimal baseline, BigDecimal target, Direction direction,
                             SpaceDimension spaceDimension) {
}
