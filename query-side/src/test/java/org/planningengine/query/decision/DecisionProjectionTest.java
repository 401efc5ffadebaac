package org.planningengine.query.decision;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.planningengine.events.cycle.PlanCommitted;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.InitiativeCommitted;
import org.planningengine.events.initiative.InitiativeDeferred;
import org.planningengine.events.initiative.InitiativeScored;
import org.planningengine.events.initiative.InitiativeStatus;
import org.planningengine.events.initiative.RiceInputs;
import org.planningengine.query.decision.DecisionReads.Decision;
import org.planningengine.query.plan.RetrospectiveReads.Retrospective;
import org.planningengine.query.testing.ProjectionFixture;
import org.planningengine.query.testing.ProjectionFixture.Given;
import org.planningengine.query.views.ViewNotFound;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.planningengine.query.testing.PlanEvents.cycleStarted;
import static org.planningengine.query.testing.PlanEvents.proposed;
import static org.planningengine.query.testing.PlanEvents.rescored;
import static org.planningengine.query.testing.PlanEvents.rice;
import static org.planningengine.query.testing.PlanEvents.scored;
import static org.planningengine.query.testing.ProjectionFixture.at;

@DisplayName("The decision log")
class DecisionProjectionTest {

    private static final RiceInputs FIRST = rice("1000", "1", "0.5", "5");
    private static final RiceInputs SECOND = rice("1000", "2", "0.5", "5");
    private static final RiceInputs THIRD = rice("1000", "2", "0.8", "5");

    private static final Instant RESCORED = Instant.parse("2025-01-15T09:00:00Z");
    private static final Instant DEFERRED = Instant.parse("2025-05-02T09:00:00Z");

    /** A score as revision 1 of the event had it: without the cycle it was given in. */
    private static InitiativeScored scoredWithoutCycle(String initiativeId, RiceInputs previous, RiceInputs rice) {
        return new InitiativeScored(initiativeId, null, previous, previous == null ? null : previous.score(), rice,
                                    rice.score());
    }

    private static final List<Given> EVENTS = List.of(
            at("2025-01-06T09:00:00Z", cycleStarted("h1", "2025-01-01", "2025-06-30")),
            at("2025-01-08T09:00:00Z", proposed("reindex", "h1", "search", "Reindex", Category.TEAM_INITIATIVE)),
            at("2025-01-09T09:00:00Z", proposed("legacy", "h1", "search", "Legacy search", Category.KTLO)),
            at("2025-01-10T09:00:00Z", scored("reindex", "h1", FIRST)),
            at("2025-01-11T09:00:00Z", scoredWithoutCycle("legacy", null, FIRST)),
            // 5
            at("2025-01-15T09:00:00Z", rescored("reindex", "h1", FIRST, SECOND)).by("sam", "reach was measured"),
            at("2025-01-20T09:00:00Z", new InitiativeCommitted("reindex", "h1")),
            at("2025-01-31T09:00:00Z", new PlanCommitted("h1")).by("olga", null),
            at("2025-05-01T09:00:00Z", cycleStarted("h2", "2025-07-01", "2025-12-31")),
            at("2025-05-02T09:00:00Z", new InitiativeDeferred("reindex", "h1", "h2", InitiativeStatus.COMMITTED))
                    .by("sam", "no room this half"),
            // 10
            at("2025-05-02T09:05:00Z", new InitiativeDeferred("legacy", "h1", "h2", InitiativeStatus.PROPOSED)),
            at("2025-05-03T09:00:00Z", rescored("reindex", "h2", SECOND, THIRD)),
            at("2025-05-04T09:00:00Z", scoredWithoutCycle("legacy", FIRST, SECOND)));

    private static List<String> log(List<Decision> decisions) {
        return decisions.stream().map(decision -> decision.type() + " " + decision.subjectId()
                                                  + (decision.rescore() == null ? ""
                                                                                : " rescore=" + decision.rescore()))
                        .toList();
    }

    @Nested
    @DisplayName("when an initiative is scored and scored again")
    class Rescored {

        private final ProjectionFixture views = ProjectionFixture.given(EVENTS.subList(0, 8));

        @Test
        @DisplayName("the first score is a decision, the second a re-score, each in its cycle with who and why")
        void rescore() {
            List<Decision> h1 = views.decisions.ofCycle("h1", null);

            assertThat(log(h1)).containsExactly("InitiativeScored reindex rescore=false",
                                                "InitiativeScored legacy rescore=false",
                                                "InitiativeScored reindex rescore=true",
                                                "InitiativeCommitted reindex", "PlanCommitted h1");
            Decision rescore = h1.get(2);
            assertThat(rescore.at()).isEqualTo(RESCORED);
            assertThat(rescore.actor()).isEqualTo("sam");
            assertThat(rescore.reason()).isEqualTo("reach was measured");
            assertThat(rescore.id()).isEqualTo(views.events().get(5).getIdentifier());
        }

        @Test
        @DisplayName("as of an instant, the log has the decisions up to it")
        void asOf() {
            assertThat(log(views.decisions.ofCycle("h1", RESCORED.minusNanos(1))))
                    .containsExactly("InitiativeScored reindex rescore=false",
                                     "InitiativeScored legacy rescore=false");
            assertThat(views.decisions.ofCycle("h1", Instant.parse("2025-01-06T08:00:00Z"))).isEmpty();
            assertThatThrownBy(() -> views.retrospective.retrospective("h1", "2025-01-06T08:00:00Z"))
                    .as("before the cycle existed").isInstanceOf(ViewNotFound.class);
        }

        @Test
        @DisplayName("the retrospective counts the re-score as churn")
        void churn() {
            Retrospective retrospective = views.retrospective.retrospective("h1", null);

            assertThat(retrospective.churn().rescores()).isEqualTo(1);
            assertThat(retrospective.initiatives().committed()).isEqualTo(1);
            assertThat(retrospective.capacity().plannedAt()).isEqualTo(Instant.parse("2025-01-31T09:00:00Z"));
        }
    }

    @Nested
    @DisplayName("when an initiative is deferred to another cycle")
    class Deferred {

        private final ProjectionFixture views = ProjectionFixture.given(EVENTS);

        @Test
        @DisplayName("the deferral is a decision of the cycle it leaves, the later ones of the cycle it went to")
        void deferral() {
            assertThat(log(views.decisions.ofCycle("h1", null))).containsExactly(
                    "InitiativeScored reindex rescore=false", "InitiativeScored legacy rescore=false",
                    "InitiativeScored reindex rescore=true", "InitiativeCommitted reindex", "PlanCommitted h1",
                    "InitiativeDeferred reindex", "InitiativeDeferred legacy");
            assertThat(log(views.decisions.ofCycle("h2", null))).containsExactly(
                    "InitiativeScored reindex rescore=true", "InitiativeScored legacy rescore=true");
            assertThat(views.decisions.ofCycle("h1", null).get(5).reason()).isEqualTo("no room this half");
        }

        @Test
        @DisplayName("a score that does not name its cycle is of the cycle the initiative was in at the time")
        void scoreWithoutItsCycle() {
            assertThat(views.decisions.ofCycle("h1", null)).extracting(Decision::subjectId).contains("legacy");
            assertThat(views.decisions.ofCycle("h2", null)).extracting(Decision::subjectId).contains("legacy");
        }

        @Test
        @DisplayName("redelivered after the deferral, such a score stays in the cycle it was given in")
        void redeliveredAfterTheDeferral() {
            List<Decision> h1 = views.decisions.ofCycle("h1", null);
            List<Decision> h2 = views.decisions.ofCycle("h2", null);

            views.handle(views.events(4, 5));

            assertThat(views.decisions.ofCycle("h1", null)).isEqualTo(h1);
            assertThat(views.decisions.ofCycle("h2", null)).isEqualTo(h2);
        }

        @Test
        @DisplayName("the retrospective of the cycle it left counts the deferrals")
        void retrospective() {
            assertThat(views.retrospective.retrospective("h1", null).initiatives().deferred()).isEqualTo(2);
            assertThat(views.retrospective.retrospective("h1", DEFERRED.minusNanos(1).toString()).initiatives()
                                          .deferred()).isZero();
            assertThat(views.retrospective.retrospective("h2", null).initiatives().deferred()).isZero();
        }

        @Test
        @DisplayName("as of every instant, each cycle's log and retrospective are what the events up to it give")
        void asOfEveryInstant() {
            for (String cycle : List.of("h1", "h2")) {
                views.assertAsOfEveryInstant((fixture, asOf) -> fixture.decisions.ofCycle(cycle, asOf));
                views.assertAsOfEveryInstant((fixture, asOf) -> fixture.retrospective.retrospective(
                        cycle, asOf == null ? null : asOf.toString()));
            }
        }
    }
}
