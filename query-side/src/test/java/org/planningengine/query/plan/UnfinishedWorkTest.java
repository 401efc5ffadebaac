package org.planningengine.query.plan;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.planningengine.query.decision.DecisionReads.Decision;
import org.planningengine.query.plan.RetrospectiveReads.Unfinished;
import org.planningengine.query.testing.ProjectionFixture;
import org.planningengine.query.testing.Semester;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The work a cycle leaves unfinished: its initiatives committed or in progress, by name, with team and allocation,
 * in the retrospective and in the read a close is looked at with first; and what the close itself recorded.
 */
@DisplayName("The unfinished work of a cycle")
class UnfinishedWorkTest {

    private final ProjectionFixture views = ProjectionFixture.given(Semester.events());

    private static List<String> shown(List<Unfinished> unfinished) {
        return unfinished.stream().map(item -> item.initiativeId() + " '" + item.title() + "' " + item.teamId() + " "
                                               + item.status() + " "
                                               + item.allocatedPersonWeeks().stripTrailingZeros().toPlainString())
                         .toList();
    }

    @Test
    @DisplayName("the retrospective lists the work committed but not done by name, with its team and allocation")
    void retrospective() {
        assertThat(shown(views.retrospective.retrospective("h1", null).unfinished()))
                .containsExactly("autocomplete 'Autocomplete' search COMMITTED 17");
        // Before checkout was done: in rank order, the started one too, with what it held then.
        assertThat(shown(views.retrospective.retrospective("h1", "2025-02-15T00:00:00Z").unfinished()))
                .containsExactly("autocomplete 'Autocomplete' search COMMITTED 17",
                                 "checkout 'Checkout revamp' payments IN_PROGRESS 16");
        assertThat(views.retrospective.retrospective("h1", "2025-01-15T00:00:00Z").unfinished()).isEmpty();
        assertThat(views.retrospective.retrospective("h2", null).unfinished()).isEmpty();
    }

    @Test
    @DisplayName("the read before a close answers what closing would leave, as of any instant")
    void beforeTheClose() {
        assertThat(shown(views.retrospective.unfinished("h1", "2025-06-30T12:00:00Z").initiatives()))
                .containsExactly("autocomplete 'Autocomplete' search COMMITTED 17");
        assertThat(views.retrospective.unfinished("h1", "2025-06-30T12:00:00Z").asOf())
                .isEqualTo(Instant.parse("2025-06-30T12:00:00Z"));
    }

    @Test
    @DisplayName("the close's decision keeps the unfinished work it recorded")
    void theClosesDecision() {
        Decision close = views.decisions.ofCycle("h1", null).stream()
                                        .filter(decision -> decision.type().equals("CycleClosed")).findFirst()
                                        .orElseThrow();

        assertThat(close.reason()).isEqualTo("the rest carries on next half");
        assertThat(close.values().get("unfinished")).hasSize(1);
        assertThat(close.values().get("unfinished").get(0).get("initiativeId").asText()).isEqualTo("autocomplete");
        assertThat(close.values().get("unfinished").get(0).get("allocatedPersonWeeks").decimalValue())
                .isEqualByComparingTo("17");
    }
}
