package org.planningengine.events.okr;

import java.math.BigDecimal;

/** A key result's grade, 0–1; {@code fromProgress} when none was given and its progress stood in. */
public record KeyResultGrade(String keyResultId, BigDecimal grade, boolean fromProgress) {
}
