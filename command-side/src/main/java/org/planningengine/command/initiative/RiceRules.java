package org.planningengine.command.initiative;

import org.planningengine.command.RuleViolated;
import org.planningengine.events.initiative.RiceInputs;

import java.math.BigDecimal;
import java.util.List;

/** The ranges of the RICE inputs (PRODUCT.md). */
final class RiceRules {

    /** Minimal, low, medium, high, massive. */
    static final List<BigDecimal> IMPACTS = List.of(new BigDecimal("0.25"), new BigDecimal("0.5"), BigDecimal.ONE,
                                                    new BigDecimal("2"), new BigDecimal("3"));

    private RiceRules() {
    }

    static RiceInputs check(ScoreInitiative command) {
        BigDecimal reach = required("reach", command.reach());
        BigDecimal impact = required("impact", command.impact());
        BigDecimal confidence = required("confidence", command.confidence());
        BigDecimal effort = required("effort", command.effort());
        if (reach.signum() < 0) {
            throw new RuleViolated("reach", "reach must be 0 or more (was " + reach + ")");
        }
        if (IMPACTS.stream().noneMatch(allowed -> allowed.compareTo(impact) == 0)) {
            throw new RuleViolated("impact", "impact must be one of 0.25, 0.5, 1, 2, 3 (was " + impact + ")");
        }
        if (confidence.signum() <= 0 || confidence.compareTo(BigDecimal.ONE) > 0) {
            throw new RuleViolated("confidence",
                                   "confidence must be more than 0 and at most 1 (was " + confidence + ")");
        }
        if (effort.signum() <= 0) {
            throw new RuleViolated("effort", "effort must be more than 0 person-weeks (was " + effort + ")");
        }
        return new RiceInputs(reach, impact, confidence, effort);
    }

    private static BigDecimal required(String field, BigDecimal value) {
        if (value == null) {
            throw new RuleViolated(field, field + " is required");
        }
        return value;
    }
}
