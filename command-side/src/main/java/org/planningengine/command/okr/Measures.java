package org.planningengine.command.okr;

import org.planningengine.command.RuleViolated;
import org.planningengine.command.Rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** The numbers of key results: values, confidences, grades and the progress between baseline and target. */
final class Measures {

    static final BigDecimal MAX_MAGNITUDE = new BigDecimal("1000000000000000");
    static final int MAX_DECIMALS = 6;
    /** Progress and grades are fractions of 1, kept to this many decimals. */
    static final int FRACTION_DECIMALS = 4;

    private Measures() {
    }

    /** A metric value: present, at most 6 decimals and 10^15 either way. */
    static BigDecimal value(String field, BigDecimal value) {
        Rules.requireDecimal(field, value, MAX_DECIMALS);
        if (value.abs().compareTo(MAX_MAGNITUDE) > 0) {
            throw new RuleViolated(field, field + " must be at most 10^15 either way (was " + value + ")");
        }
        return value;
    }

    /** A confidence or a grade: 0 to 1. */
    static BigDecimal fraction(String field, BigDecimal value) {
        value(field, value);
        if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw new RuleViolated(field, field + " must be 0 to 1 (was " + value + ")");
        }
        return value;
    }

    /** (current − baseline) ÷ (target − baseline), clamped to [0, 1]: the same for either direction. */
    static BigDecimal progress(BigDecimal baseline, BigDecimal target, BigDecimal current) {
        BigDecimal progress = current.subtract(baseline).divide(target.subtract(baseline), MathContext.DECIMAL64);
        return fractionOf(progress.max(BigDecimal.ZERO).min(BigDecimal.ONE));
    }

    static BigDecimal fractionOf(BigDecimal value) {
        return value.setScale(FRACTION_DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
