package org.planningengine.query.plan;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.DependencyAdded;
import org.planningengine.events.initiative.InitiativeArchived;
import org.planningengine.events.initiative.InitiativeRestored;
import org.planningengine.events.initiative.InitiativeStatus;
import org.planningengine.events.okr.ObjectiveArchived;
import org.planningengine.events.okr.ObjectiveReviewed;
import org.planningengine.events.okr.ObjectiveSet;
import org.planningengine.events.okr.ObjectiveStatus;
import org.planningengine.events.okr.ReviewOutcome;
import org.planningengine.events.team.TeamArchived;
import org.planningengine.events.team.TeamRegistered;
import org.planningengine.query.capacity.TeamCapacity;
import org.planningengine.query.okr.ObjectiveView;
import org.planningengine.query.plan.CapacityReads.CapacityAnswer;
import org.planningengine.query.plan.OkrReads.OkrAnswer;
import org.planningengine.query.plan.RoadmapReads.RoadmapAnswer;
import org.planningengine.query.roadmap.RoadmapDiff;
import org.planningengine.query.roadmap.RoadmapItem;
import org.planningengine.query.roadmap.RoadmapItem.DependencyRisk;
import org.planningengine.query.testing.ProjectionFixture;
import org.planningengine.query.testing.ProjectionFixture.Given;
import org.planningengine.query.views.BadQuery;
import org.springframework.mock.web.MockHttpServletResponse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.planningengine.query.testing.PlanEvents.capacitySet;
import static org.planningengine.query.testing.PlanEvents.cycleStarted;
import static org.planningengine.query.testing.PlanEvents.proposed;
import static org.planningengine.query.testing.PlanEvents.rice;
import static org.planningengine.query.testing.PlanEvents.scored;
import static org.planningengine.query.testing.ProjectionFixture.at;

/**
 * Archived initiatives, objectives and teams in the plan reads: left out of the roadmap, the capacity and the OKRs
 * unless asked for ({@code archived=include} or {@code only}), with no rank; still answered one by one, flagged; and
 * as of an instant before the archiving, as they were.
 */
@DisplayName("Archived items in the plan reads")
class ArchivedItemsTest {

    private static final Instant BEFORE = Instant.parse("2025-01-31T00:00:00Z");
    private static final Instant ARCHIVED = Instant.parse("2025-02-01T09:00:00Z");
    private static final Instant TEAM_ARCHIVED = Instant.parse("2025-02-01T09:20:00Z");

    private static final List<Given> PLAN = List.of(
            at("2025-01-06T09:00:00Z", cycleStarted("h1", "2025-01-01", "2025-06-30")),
            at("2025-01-06T09:10:00Z", new TeamRegistered("payments", "Payments", null)),
            at("2025-01-06T09:11:00Z", new TeamRegistered("legacy", "Legacy", null)),
            at("2025-01-07T09:00:00Z", capacitySet("h1", "payments", "0", "40")),
            at("2025-01-07T09:01:00Z", capacitySet("h1", "legacy", "0", "10")),
            at("2025-01-08T09:00:00Z", proposed("checkout", "h1", "payments", "Checkout revamp",
                                                Category.NEW_INITIATIVE)),
            at("2025-01-08T09:01:00Z", proposed("fraud", "h1", "payments", "Fraud rules", Category.KTLO)),
            at("2025-01-08T09:02:00Z", proposed("old-idea", "h1", "payments", "An old idea", Category.KTLO)),
            at("2025-01-10T09:00:00Z", scored("checkout", "h1", rice("1000", "2", "0.8", "4"))),   // 400
            at("2025-01-10T09:01:00Z", scored("fraud", "h1", rice("500", "1", "0.8", "3"))),       // 133.33
            at("2025-01-10T09:02:00Z", scored("old-idea", "h1", rice("5000", "1", "1", "5"))),     // 1000
            at("2025-01-11T09:00:00Z", new DependencyAdded("checkout", "old-idea")),
            at("2025-01-13T09:00:00Z", new ObjectiveSet("conversion", "h1", "payments", "Lift conversion", null,
                                                        null)),
            at("2025-01-13T09:01:00Z", new ObjectiveSet("checkout-ux", "h1", "payments", "Smoother checkout",
                                                        "conversion", null)),
            at("2025-01-20T09:00:00Z", new ObjectiveReviewed("conversion", ReviewOutcome.RETIRE, List.of()))
                    .by("alice", "folded into the checkout goal"));
    private static final List<Given> ARCHIVING = List.of(
            at("2025-02-01T09:00:00Z", new InitiativeArchived("old-idea", "h1", InitiativeStatus.PROPOSED))
                    .by("pat", "nobody took it up"),
            at("2025-02-01T09:10:00Z", new ObjectiveArchived("conversion", "h1", ObjectiveStatus.RETIRED))
                    .by("alice", "retired for good"),
            at("2025-02-01T09:20:00Z", new TeamArchived("legacy")).by("olga", "the team was disbanded"));

    private final ProjectionFixture views = given(PLAN, ARCHIVING);

    private static ProjectionFixture given(List<Given> plan, List<Given> more) {
        List<Given> events = new ArrayList<>(plan);
        events.addAll(more);
        return ProjectionFixture.given(events);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static RoadmapAnswer roadmap(ProjectionFixture views, String archived, Instant asOf) {
        return views.roadmap.roadmap("h1", null, null, null, archived, text(asOf));
    }

    /** The roadmap as a person reads it: rank, initiative, and a mark on what is archived. */
    private static List<String> ranking(RoadmapAnswer roadmap) {
        return roadmap.items().stream()
                      .map(item -> (item.rank() == null ? "-" : item.rank()) + " " + item.initiativeId()
                                   + (item.archived() ? " (archived)" : ""))
                      .toList();
    }

    private static RoadmapItem item(RoadmapAnswer roadmap, String initiativeId) {
        return roadmap.items().stream().filter(item -> item.initiativeId().equals(initiativeId)).findFirst()
                      .orElseThrow();
    }

    private static List<String> teams(CapacityAnswer capacity) {
        return capacity.teams().stream().map(team -> team.teamId() + (team.archived() ? " (archived)" : ""))
                       .toList();
    }

    private static List<String> objectives(OkrAnswer okrs) {
        return okrs.objectives().stream()
                   .map(objective -> objective.objectiveId() + (objective.archived() ? " (archived)" : "")
                                     + " " + objective.children())
                   .toList();
    }

    @Nested
    @DisplayName("the roadmap")
    class Roadmap {

        @Test
        @DisplayName("leaves an archived initiative out and ranks the others without a gap")
        void leavesItOut() {
            RoadmapAnswer now = roadmap(views, null, null);

            assertThat(ranking(now)).containsExactly("1 checkout", "2 fraud");
            assertThat(now.lastEventAt()).as("the archiving changed the roadmap").isEqualTo(ARCHIVED);
            assertThat(ranking(roadmap(views, "exclude", null))).isEqualTo(ranking(now));
        }

        @Test
        @DisplayName("shows it, last and with no rank, when asked to include archived ones, and alone with only")
        void includeAndOnly() {
            assertThat(ranking(roadmap(views, "include", null)))
                    .containsExactly("1 checkout", "2 fraud", "- old-idea (archived)");
            assertThat(ranking(roadmap(views, "only", null))).containsExactly("- old-idea (archived)");
        }

        @Test
        @DisplayName("names an archived dependency that is not done as a risk")
        void dependencyRisk() {
            assertThat(item(roadmap(views, null, null), "checkout").dependencyRisks())
                    .containsExactly(new DependencyRisk("old-idea", "archived"));
        }

        @Test
        @DisplayName("as of an instant before the archiving, shows it as it was: first, not archived")
        void asItWas() {
            assertThat(ranking(roadmap(views, null, BEFORE))).containsExactly("1 old-idea", "2 checkout", "3 fraud");
            assertThat(item(roadmap(views, null, BEFORE), "checkout").dependencyRisks()).isEmpty();
        }

        @Test
        @DisplayName("takes a restored initiative back in its place")
        void restored() {
            ProjectionFixture restored = given(PLAN, List.of(
                    ARCHIVING.get(0),
                    at("2025-02-02T09:00:00Z", new InitiativeRestored("old-idea", "h1", InitiativeStatus.PROPOSED))
                            .by("pat", "archived by mistake")));

            assertThat(ranking(roadmap(restored, null, null))).containsExactly("1 old-idea", "2 checkout",
                                                                              "3 fraud");
        }

        @Test
        @DisplayName("diffed, an archived initiative has left it; with archived ones, it lost its rank")
        void diff() {
            RoadmapDiff hidden = views.roadmap.diff("h1", BEFORE.toString(), TEAM_ARCHIVED.toString(), null);
            RoadmapDiff included = views.roadmap.diff("h1", BEFORE.toString(), TEAM_ARCHIVED.toString(), "include");

            assertThat(hidden.left()).containsExactly(new RoadmapDiff.Entry("old-idea", "An old idea", 1));
            assertThat(hidden.rankChanges()).containsExactly(new RoadmapDiff.RankChange("checkout", 2, 1),
                                                             new RoadmapDiff.RankChange("fraud", 3, 2));
            assertThat(included.left()).isEmpty();
            assertThat(included.rankChanges()).contains(new RoadmapDiff.RankChange("old-idea", 1, null));
        }

        @Test
        @DisplayName("answers the initiative itself, archived, with no rank; as of before, as it was")
        void single() {
            RoadmapReads.InitiativeAnswer now = views.roadmap.initiative("old-idea", null,
                                                                          new MockHttpServletResponse());
            RoadmapReads.InitiativeAnswer then = views.roadmap.initiative("old-idea", BEFORE.toString(),
                                                                           new MockHttpServletResponse());

            assertThat(now.item().archived()).isTrue();
            assertThat(now.item().rank()).isNull();
            assertThat(now.item().status()).isEqualTo("PROPOSED");
            assertThat(then.item().archived()).isFalse();
            assertThat(then.item().rank()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("the capacity")
    class Capacity {

        @Test
        @DisplayName("leaves an archived team's plan out, and the organisation sums the teams shown")
        void leavesItOut() {
            CapacityAnswer now = views.capacity.capacity("h1", null, null);

            assertThat(teams(now)).containsExactly("payments");
            assertThat(now.organisation().capacityPersonWeeks()).isEqualByComparingTo("40");
            assertThat(now.organisation().allocatedPersonWeeks()).isEqualByComparingTo("0");
            assertThat(now.lastEventAt()).as("the team's archiving changed the view").isEqualTo(TEAM_ARCHIVED);
        }

        @Test
        @DisplayName("shows it, flagged, when asked; as of before the archiving, as it was")
        void includeAndAsItWas() {
            CapacityAnswer included = views.capacity.capacity("h1", "include", null);

            assertThat(teams(included)).containsExactly("legacy (archived)", "payments");
            assertThat(included.organisation().capacityPersonWeeks()).isEqualByComparingTo("50");
            assertThat(teams(views.capacity.capacity("h1", "only", null))).containsExactly("legacy (archived)");
            assertThat(teams(views.capacity.capacity("h1", null, BEFORE.toString())))
                    .containsExactly("legacy", "payments");
        }

        @Test
        @DisplayName("for the retrospective, counts every team's plan")
        void retrospective() {
            assertThat(views.capacity.capacityAt("h1", null).teams()).extracting(TeamCapacity::teamId)
                                                                     .containsExactly("legacy", "payments");
            assertThat(views.retrospective.retrospective("h1", null).capacity().actual().capacityPersonWeeks())
                    .isEqualByComparingTo(new BigDecimal("50"));
        }
    }

    @Nested
    @DisplayName("the OKRs")
    class Okrs {

        @Test
        @DisplayName("leave an archived objective out; one aligned under it comes at the top")
        void leaveItOut() {
            OkrAnswer now = views.okrs.okrs("h1", null, null);

            assertThat(objectives(now)).containsExactly("checkout-ux []");
            assertThat(now.objectives().get(0).parentObjectiveId()).isEqualTo("conversion");
            assertThat(now.lastEventAt()).isEqualTo(Instant.parse("2025-02-01T09:10:00Z"));
        }

        @Test
        @DisplayName("show it in its place, flagged, when asked; as of before the archiving, as it was")
        void includeAndAsItWas() {
            assertThat(objectives(views.okrs.okrs("h1", "include", null)))
                    .containsExactly("conversion (archived) [checkout-ux]", "checkout-ux []");
            assertThat(objectives(views.okrs.okrs("h1", "only", null))).containsExactly("conversion (archived) []");
            assertThat(objectives(views.okrs.okrs("h1", null, BEFORE.toString())))
                    .containsExactly("conversion [checkout-ux]", "checkout-ux []");
        }

        @Test
        @DisplayName("answer the objective itself, archived, with its status")
        void single() {
            ObjectiveView conversion = views.okrs.objective("conversion", null, new MockHttpServletResponse())
                                             .objective();

            assertThat(conversion.archived()).isTrue();
            assertThat(conversion.status()).isEqualTo("RETIRED");
            assertThat(views.okrs.objective("conversion", BEFORE.toString(), new MockHttpServletResponse())
                                .objective().archived()).isFalse();
        }
    }

    @Test
    @DisplayName("a filter value that names nothing is refused, not taken for the default")
    void unknownFilter() {
        assertThatThrownBy(() -> roadmap(views, "yes", null)).isInstanceOf(BadQuery.class)
                .hasMessage("archived must be one of exclude, include, only (was yes)");
        assertThatThrownBy(() -> views.capacity.capacity("h1", "all", null)).isInstanceOf(BadQuery.class);
        assertThatThrownBy(() -> views.okrs.okrs("h1", "INCLUDE", null)).isInstanceOf(BadQuery.class);
        assertThatThrownBy(() -> views.roadmap.diff("h1", BEFORE.toString(), ARCHIVED.toString(), "some"))
                .isInstanceOf(BadQuery.class);
    }

    @Test
    @DisplayName("as of every instant, each read with each filter is what the events up to it give")
    void asOfEveryInstant() {
        views.assertAsOfEveryInstant((fixture, asOf) -> {
            List<Object> answers = new ArrayList<>();
            for (String archived : new String[] {null, "include", "only"}) {
                answers.add(fixture.answer((f, t) -> roadmap(f, archived, t), asOf));
                answers.add(fixture.answer((f, t) -> f.capacity.capacity("h1", archived, text(t)), asOf));
                answers.add(fixture.answer((f, t) -> f.okrs.okrs("h1", archived, text(t)), asOf));
            }
            answers.add(fixture.answer((f, t) -> f.roadmap.initiative("old-idea", text(t),
                                                                      new MockHttpServletResponse()), asOf));
            answers.add(fixture.answer((f, t) -> f.okrs.objective("conversion", text(t),
                                                                  new MockHttpServletResponse()), asOf));
            return answers;
        });
    }
}
