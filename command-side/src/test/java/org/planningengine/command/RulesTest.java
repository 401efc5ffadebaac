package org.planningengine.command;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesTest {

    @Test
    void textThatShowsIsValidTabsLineBreaksAndCharactersBeyondTheBasicPlaneIncluded() {
        for (String text : new String[]{"Faster checkout", "two\tcolumns", "line one\nline two\r\n", "Ünïcødé 日本",
                                        "rocket \uD83D\uDE80 launch", ""}) {
            assertThat(Rules.textProblem(text)).as(text).isNull();
        }
    }

    @Test
    void aNulAControlCharacterOrALoneSurrogateIsNoText() {
        assertThat(Rules.textProblem("a\u0000b")).isEqualTo(
                "contains the control character U+0000 at character 2; only tab, line feed and carriage return are "
                + "allowed");
        assertThat(Rules.textProblem("bell\u0007")).contains("U+0007");
        assertThat(Rules.textProblem("delete\u007F")).contains("U+007F");
        assertThat(Rules.textProblem("next line\u0085")).contains("U+0085");
        assertThat(Rules.textProblem("\uD83D alone")).contains("lone surrogate (U+D83D) at character 1");
        assertThat(Rules.textProblem("trailing \uDE80")).contains("lone surrogate (U+DE80)");
        assertThat(Rules.textProblem("reversed \uDE80\uD83D")).contains("lone surrogate (U+DE80)");
        assertThat(Rules.textProblem("cut off \uD83D")).contains("lone surrogate (U+D83D)");
    }

    @Test
    void requiredTextIsGivenValidAndWithinItsLimitOnceStripped() {
        assertThatNoException().isThrownBy(() -> Rules.requireText("title", " " + "x".repeat(200) + " ", 200));
        assertThatThrownBy(() -> Rules.requireText("title", "x".repeat(201), 200))
                .isInstanceOf(RuleViolated.class).hasMessage("title may be at most 200 characters (was 201)")
                .satisfies(refusal -> assertThat(((RuleViolated) refusal).field()).isEqualTo("title"));
        assertThatThrownBy(() -> Rules.requireText("title", " ", 200))
                .isInstanceOf(RuleViolated.class).hasMessage("title is required");
        assertThatThrownBy(() -> Rules.requireText("title", "a\u0000", 200))
                .isInstanceOf(RuleViolated.class).hasMessageStartingWith("title contains the control character U+0000")
                .satisfies(refusal -> assertThat(((RuleViolated) refusal).field()).isEqualTo("title"));
    }

    @Test
    void optionalTextMayBeMissingButWhenGivenIsChecked() {
        assertThatNoException().isThrownBy(() -> Rules.optionalText("comment", null, 10));
        assertThatNoException().isThrownBy(() -> Rules.optionalText("comment", "", 10));
        assertThatThrownBy(() -> Rules.optionalText("comment", "x".repeat(11), 10))
                .isInstanceOf(RuleViolated.class).satisfies(refusal -> assertThat(((RuleViolated) refusal).field()).isEqualTo("comment"));
        assertThatThrownBy(() -> Rules.optionalText("comment", "\uDFFF", 10))
                .isInstanceOf(RuleViolated.class).satisfies(refusal -> assertThat(((RuleViolated) refusal).field()).isEqualTo("comment"));
    }
}
