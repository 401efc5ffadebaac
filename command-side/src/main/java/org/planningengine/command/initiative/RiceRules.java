package org.planningengine.command.initiative;

import org.planningengine.command.RuleViolated;
import org.planningengine.command.Rules;
import org.planningengine.events.initiative.RiceInputs;

import java.math.BigDecimal;
import java.util.List;

/** The ranges of the RICE inputs (docs/product.md). */
public final class RiceRules {

    /** Minimal, low, medium, high, massive. */
    static final List<BigDecimal> IMPACTS = List.of(new BigDecimal("0.25"), new BigDecimal("0.5"), BigDecimal.ONE,
                                                    new BigDecimal("2"), new BigDecimal("3"));

    /** More people or events a quarter than there are on Earth many times over is a typo. */
    static final BigDecimal MAX_REACH = new BigDecimal("1000000000000");
    /** Two thousand people for a whole year. */
    static final BigDecimal MAX_EFFORT = new BigDecimal("100000");
    static final int MAX_DECIMALS = 6;

    private RiceRules() {
    }

    public static RiceInputs check(ScoreInitiative command) {
        BigDecimal reach = Rules.requireDecimal("reach", command.reach(), MAX_DECIMALS);
        BigDecimal impact = Rules.requireDecimal("impact", command.impact(), MAX_DECIMALS);
        BigDecimal confidence = Rules.requireDecimal("confidence", command.confidence(), MAX_DECIMALS);
        BigDecimal effort = Rules.requireDecimal("effort", command.effort(), MAX_DECIMALS);
        if (reach.signum() < 0 || reach.compareTo(MAX_REACH) > 0) {
            throw new RuleViolated("reach", "reach must be 0 or more, and at most " + MAX_REACH.toPlainString()
                                            + " (was " + reach + ")");
        }
        if (reach.stripTrailingZeros().scale() > 0) {
            throw new RuleViolated("reach", "reach counts people or events: a whole number (was " + reach + ")");
        }
        if (IMPACTS.stream().noneMatch(allowed -> allowed.compareTo(impact) == 0)) {
            throw new RuleViolated("impact", "impact must be one of 0.25, 0.5, 1, 2, 3 (was " + impact + ")");
        }
        if (confidence.signum() <= 0 || confidence.compareTo(BigDecimal.ONE) > 0) {
            throw new RuleViolated("confidence",
                                   "confidence must be more than 0 and at most 1 (was " + confidence + ")");
        }
        if (effort.signum() <= 0 || effort.compareTo(MAX_EFFORT) > 0) {
            throw new RuleViolated("effort", "effort must be more than 0 person-weeks, and at most "
                                             + MAX_EFFORT.toPlainString() + " (was " + effort + ")");
        }
        return new RiceInputs(reach, impact, confidence, effort);
    }

    /** Whether two sets of inputs are the same numbers, whatever their scale (2 and 2.0 are the same reach). */
    static boolean sameValues(RiceInputs first, RiceInputs second) {
        return first.reach().compareTo(second.reach()) == 0 && first.impact().compareTo(second.impact()) == 0
               && first.confidence().compareTo(second.confidence()) == 0
               && first.effort().compareTo(second.effort()) == 0;
    }
}
