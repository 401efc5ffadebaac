package org.planningengine.command.imports;

import org.junit.jupiter.api.Test;
import org.planningengine.command.RuleViolated;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScalesTest {

    private static final Scales DEFAULTS = Scales.of(null, null, null);

    @Test
    void impactOnIntercomsScaleInNumbersOrWordsOrRatedOneToFive() {
        assertThat(DEFAULTS.impact("0.25")).isEqualByComparingTo("0.25");
        assertThat(DEFAULTS.impact("Massive")).isEqualByComparingTo("3");
        assertThat(Scales.of("1-5", null, null).impact("4")).isEqualByComparingTo("2");
        assertThatThrownBy(() -> DEFAULTS.impact("4")).isInstanceOf(RuleViolated.class);
        assertThatThrownBy(() -> Scales.of("1-5", null, null).impact("6")).isInstanceOf(RuleViolated.class)
                .hasMessage("impact rated 1 to 5 must be a whole number from 1 to 5 (was 6)");
        assertThatThrownBy(() -> Scales.of("1-5", null, null).impact("2.5")).isInstanceOf(RuleViolated.class);
    }

    @Test
    void confidenceAsAFractionOrAPercent() {
        assertThat(DEFAULTS.confidence("0.8")).isEqualByComparingTo("0.8");
        assertThat(DEFAULTS.confidence("80")).isEqualByComparingTo("0.8");
        assertThat(DEFAULTS.confidence("1")).isEqualByComparingTo("1");
        assertThat(DEFAULTS.confidence("50 %")).isEqualByComparingTo("0.5");
        assertThat(Scales.of(null, "percent", null).confidence("1")).isEqualByComparingTo("0.01");
        assertThatThrownBy(() -> Scales.of(null, "fraction", null).confidence("80%"))
                .isInstanceOf(RuleViolated.class);
    }

    @Test
    void effortInPersonWeeksMonthsOrTShirtSizes() {
        assertThat(DEFAULTS.effort("2.5")).isEqualByComparingTo("2.5");
        assertThat(Scales.of(null, null, "person-months").effort("1")).isEqualTo(new BigDecimal("4.33"));
        assertThat(Scales.of(null, null, "person-months").effort("3")).isEqualByComparingTo("13");
        assertThat(Scales.of(null, null, "T-Shirt").effort("xl")).isEqualByComparingTo("16");
        assertThatThrownBy(() -> Scales.of(null, null, "t-shirt").effort("XXL")).isInstanceOf(RuleViolated.class);
    }

    @Test
    void numbersMayGroupThousandsButMustBeNumbers() {
        assertThat(Scales.number("reach", "1,234,567.5")).isEqualByComparingTo("1234567.5");
        assertThatThrownBy(() -> Scales.number("reach", "lots")).isInstanceOf(RuleViolated.class)
                                                               .hasMessage("reach must be a number (was 'lots')");
        assertThatThrownBy(() -> Scales.of("0-10", null, null)).isInstanceOf(RuleViolated.class)
                .hasMessage("impactScale must be one of intercom, 1-5 (was 0-10)");
    }
}
