package org.planningengine.command.capacity;

import org.planningengine.command.RuleViolated;
import org.planningengine.command.Rules;

import java.math.BigDecimal;

/** The one unit of capacity: person-weeks, at least 0, in steps a plan can mean (a hundredth), within reason. */
final class PersonWeeks {

    static final BigDecimal MAX = new BigDecimal("100000");
    static final int MAX_DECIMALS = 2;

    private PersonWeeks() {
    }

    static BigDecimal check(String field, BigDecimal value) {
        Rules.requireDecimal(field, value, MAX_DECIMALS);
        if (value.signum() < 0 || value.compareTo(MAX) > 0) {
            throw new RuleViolated(field, field + " must be 0 to " + MAX.toPlainString() + " person-weeks (was "
                                          + value + ")");
        }
        return value;
    }

    /** A figure for a message: 12.5, not 1.25E+1. */
    static String show(BigDecimal personWeeks) {
        return personWeeks.stripTrailingZeros().toPlainString();
    }
}
