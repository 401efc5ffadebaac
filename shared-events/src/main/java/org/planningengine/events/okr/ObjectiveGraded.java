package org.planningengine.events.okr;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.util.List;

/** The objective was graded at the end of its cycle: every key result's grade, and their mean. */
@Revision("1")
public record ObjectiveGraded(String objectiveId, List<KeyResultGrade> grades, BigDecimal grade) {
}
