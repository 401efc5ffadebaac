package org.planningengine.events.initiative;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The four RICE inputs, exactly as given. The rules on them (impact one of 0.25, 0.5, 1, 2, 3, and so on) are the
 * command side's: an event must load whatever rules become later.
 *
 * @param reach      people or events per quarter
 * @param impact     0.25 minimal … 3 massive
 * @param confidence 0 … 1
 * @param effort     person-weeks
 */
public record RiceInputs(BigDecimal reach, BigDecimal impact, BigDecimal confidence, BigDecimal effort) {

    /** reach × impact × confidence ÷ effort, from the exact inputs (rounding is for display). */
    public BigDecimal score() {
        return reach.multiply(impact).multiply(confidence).divide(effort, MathContext.DECIMAL128);
    }
}
