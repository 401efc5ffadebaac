package org.planningengine.query.decision;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.planningengine.events.cycle.CycleArchived;
import org.planningengine.events.cycle.CycleClosed;
import org.planningengine.events.cycle.CycleRestored;
import org.planningengine.events.cycle.CycleStatus;
import org.planningengine.events.cycle.PlanCommitted;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.InitiativeCommitted;
import org.planningengine.events.initiative.InitiativeArchived;
import org.planningengine.events.initiative.InitiativeDeferred;
import org.planningengine.events.initiative.InitiativeRestored;
import org.planningengine.events.initiative.InitiativeScored;
import org.planningengine.events.initiative.InitiativeStatus;
import org.planningengine.events.initiative.RiceInputs;
import org.planningengine.events.okr.ObjectiveArchived;
import org.planningengine.events.okr.ObjectiveReviewed;
import org.planningengine.events.okr.ObjectiveRestored;
import org.planningengine.events.okr.ObjectiveSet;
import org.planningengine.events.okr.ObjectiveStatus;
import org.planningengine.events.okr.ReviewOutcome;
import org.planningengine.events.team.TeamArchived;
import org.planningengine.events.team.TeamRegistered;
import org.planningengine.events.team.TeamRestored;
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

    @Nested
    @DisplayName("when items are archived and restored")
    class Archived {

        private final ProjectionFixture views = ProjectionFixture.given(
                at("2025-01-06T09:00:00Z", cycleStarted("h1", "2025-01-01", "2025-06-30")),
                at("2025-01-06T09:30:00Z", new TeamRegistered("search", "Search", null)),
                at("2025-01-08T09:00:00Z", proposed("legacy", "h1", "search", "Legacy search", Category.KTLO)),
                at("2025-01-09T09:00:00Z", new ObjectiveSet("findability", "h1", "search", "Findability", null,
                                                            null)),
                at("2025-01-10T09:00:00Z", new ObjectiveReviewed("findability", ReviewOutcome.RETIRE, List.of()))
                        .by("sam", "not a goal"),
                at("2025-02-01T09:00:00Z", new InitiativeArchived("legacy", "h1", InitiativeStatus.PROPOSED))
                        .by("sam", "nobody took it up"),
                at("2025-02-01T09:01:00Z", new ObjectiveArchived("findability", "h1", ObjectiveStatus.RETIRED))
                        .by("sam", "retired for good"),
                at("2025-02-02T09:00:00Z", new InitiativeRestored("legacy", "h1", InitiativeStatus.PROPOSED))
                        .by("kim", "archived by mistake"),
                at("2025-02-02T09:01:00Z", new ObjectiveRestored("findability", "h1", ObjectiveStatus.RETIRED))
                        .by("kim", "archived by mistake"),
                at("2025-03-01T09:00:00Z", new TeamArchived("search")).by("olga", "merged into discovery"),
                at("2025-03-02T09:00:00Z", new TeamRestored("search")).by("olga", "the merge was called off"),
                at("2025-07-01T09:00:00Z", new PlanCommitted("h1")),
                at("2025-07-02T09:00:00Z", new CycleClosed("h1", List.of())),
                at("2025-07-03T09:00:00Z", new CycleArchived("h1", CycleStatus.CLOSED)).by("olga", "h1 is history"),
                at("2025-07-04T09:00:00Z", new CycleRestored("h1", CycleStatus.CLOSED)).by("olga", "audit"));

        private List<String> decisions(String type) {
            return views.decisions.log(null, null, type, null, null).decisions().stream()
                                  .map(decision -> decision.cycleId() + " " + decision.subjectId() + " by "
                                                   + decision.actor() + " (" + decision.reason() + ") "
                                                   + decision.values())
                                  .toList();
        }

        @Test
        @DisplayName("each is a decision of its item's cycle, with who, why and the status the item kept")
        void decisions() {
            assertThat(decisions("InitiativeArchived,InitiativeRestored")).containsExactly(
                    "h1 legacy by kim (archived by mistake) {\"status\":\"PROPOSED\"}",
                    "h1 legacy by sam (nobody took it up) {\"status\":\"PROPOSED\"}");
            assertThat(decisions("ObjectiveArchived,ObjectiveRestored")).containsExactly(
                    "h1 findability by kim (archived by mistake) {\"status\":\"RETIRED\"}",
                    "h1 findability by sam (retired for good) {\"status\":\"RETIRED\"}");
            assertThat(decisions("CycleArchived,CycleRestored")).containsExactly(
                    "h1 h1 by olga (audit) {\"status\":\"CLOSED\"}",
                    "h1 h1 by olga (h1 is history) {\"status\":\"CLOSED\"}");
        }

        @Test
        @DisplayName("a team's belongs to no cycle")
        void teams() {
            assertThat(decisions("TeamArchived,TeamRestored")).containsExactly(
                    "null search by olga (the merge was called off) {}",
                    "null search by olga (merged into discovery) {}");
        }

        @Test
        @DisplayName("the cycle's retrospective lists them among its decisions")
        void retrospective() {
            Retrospective retrospective = views.retrospective.retrospective("h1", null);

            assertThat(retrospective.decisions()).extracting(Decision::type)
                    .containsExactly("ObjectiveReviewed", "InitiativeArchived", "ObjectiveArchived",
                                     "InitiativeRestored", "ObjectiveRestored", "PlanCommitted", "CycleClosed",
                                     "CycleArchived", "CycleRestored");
        }
    }
}
