package org.planningengine.events.okr;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.util.Map;

/**
 * How the objective's progress rolls up its parts from now on: the mode, and for {@code WEIGHTED} the weights given
 * to some of its key results and of the objectives aligned under it (by id; a part without one weighs 1). It replaces
 * the roll-up set before; {@code MEAN} takes no weights.
 */
@Revision("1")
public record ObjectiveRollupSet(String objectiveId, RollupMode mode, Map<String, BigDecimal> keyResultWeights,
                                 Map<String, BigDecimal> childWeights) {
}
