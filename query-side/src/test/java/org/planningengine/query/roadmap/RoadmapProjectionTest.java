package org.planningengine.query.roadmap;

import org.bson.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.DependencyAdded;
import org.planningengine.events.initiative.InitiativeCommitted;
import org.planningengine.events.initiative.InitiativeCompleted;
import org.planningengine.events.initiative.InitiativeDeferred;
import org.planningengine.events.initiative.InitiativeDropped;
import org.planningengine.events.initiative.InitiativeStarted;
import org.planningengine.events.initiative.InitiativeStatus;
import org.planningengine.events.initiative.KeyResultLinked;
import org.planningengine.events.initiative.RiceInputs;
import org.planningengine.query.plan.RoadmapReads.RoadmapAnswer;
import org.planningengine.query.roadmap.RoadmapItem.DependencyRisk;
import org.planningengine.query.roadmap.RoadmapItem.KeyResultLink;
import org.planningengine.query.roadmap.RoadmapItem.Rice;
import org.planningengine.query.testing.ProjectionFixture;
import org.planningengine.query.testing.ProjectionFixture.Given;
import org.planningengine.query.views.ViewNotFound;
import org.planningengine.query.views.ViewSets;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.planningengine.query.testing.PlanEvents.allocated;
import static org.planningengine.query.testing.PlanEvents.capacitySet;
import static org.planningengine.query.testing.PlanEvents.cycleStarted;
import static org.planningengine.query.testing.PlanEvents.decimal;
import static org.planningengine.query.testing.PlanEvents.proposed;
import static org.planningengine.query.testing.PlanEvents.rescored;
import static org.planningengine.query.testing.PlanEvents.rice;
import static org.planningengine.query.testing.PlanEvents.scored;
import static org.planningengine.query.testing.ProjectionFixture.at;

@DisplayName("The roadmap projection and the roadmap read")
class RoadmapProjectionTest {

    private static final RiceInputs CHECKOUT_RICE = rice("1000", "2", "0.8", "4");      // 400
    private static final RiceInputs FRAUD_RICE = rice("500", "1", "0.8", "3");          // 133.333…
    private static final RiceInputs AUTOCOMPLETE_RICE = rice("2000", "1", "0.5", "5");  // 200
    private static final RiceInputs AUTOCOMPLETE_RESCORED = rice("3000", "2", "0.8", "4"); // 1200

    private static final List<Given> CYCLES = List.of(
            at("2025-01-06T09:00:00Z", cycleStarted("h1", "2025-01-01", "2025-06-30")));
    private static final List<Given> PROPOSALS = List.of(
            at("2025-01-08T09:00:00Z", proposed("checkout", "h1", "payments", "Checkout revamp",
                                                Category.NEW_INITIATIVE)),
            at("2025-01-08T09:05:00Z", proposed("fraud", "h1", "payments", "fraud rules", Category.KTLO)),
            at("2025-01-08T09:10:00Z", proposed("autocomplete", "h1", "search", "Autocomplete",
                                                Category.NEW_INITIATIVE)),
            at("2025-01-08T09:15:00Z", proposed("reindex", "h1", "search", "Reindex", Category.TEAM_INITIATIVE)));
    private static final List<Given> SCORES = List.of(
            at("2025-01-10T09:00:00Z", scored("checkout", "h1", CHECKOUT_RICE)),
            at("2025-01-10T09:05:00Z", scored("fraud", "h1", FRAUD_RICE)),
            at("2025-01-10T09:10:00Z", scored("autocomplete", "h1", AUTOCOMPLETE_RICE)));
    private static final Instant SCORED = Instant.parse("2025-01-10T09:10:00Z");
    private static final List<Given> RESCORE = List.of(
            at("2025-01-15T09:00:00Z", rescored("autocomplete", "h1", AUTOCOMPLETE_RICE, AUTOCOMPLETE_RESCORED))
                    .by("sam", "the search team measured reach"));
    private static final Instant RESCORED = Instant.parse("2025-01-15T09:00:00Z");
    private static final List<Given> DECISIONS = List.of(
            at("2025-01-16T09:00:00Z", new DependencyAdded("autocomplete", "reindex")),
            at("2025-01-16T09:30:00Z", new KeyResultLinked("checkout", "conversion", "kr-1")),
            at("2025-01-20T09:00:00Z", new InitiativeCommitted("checkout", "h1")),
            at("2025-01-20T09:05:00Z", new InitiativeCommitted("autocomplete", "h1")),
            at("2025-01-21T09:00:00Z", capacitySet("h1", "payments", "0", "40")),
            at("2025-01-21T09:05:00Z", allocated("h1", "payments", "checkout", Category.NEW_INITIATIVE, "0", "6")),
            at("2025-02-01T09:00:00Z", new InitiativeStarted("checkout", "h1")),
            at("2025-03-01T09:00:00Z", new InitiativeDropped("fraud", "h1", InitiativeStatus.PROPOSED))
                    .by("pat", "the vendor covers it"),
            at("2025-04-01T09:00:00Z", new InitiativeCompleted("checkout", "h1")));
    private static final Instant COMMITTED = Instant.parse("2025-01-20T09:05:00Z");
    private static final Instant DROPPED = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant COMPLETED = Instant.parse("2025-04-01T09:00:00Z");
    private static final List<Given> DEFERRAL = List.of(
            at("2025-05-01T09:00:00Z", cycleStarted("h2", "2025-07-01", "2025-12-31")),
            at("2025-05-02T09:00:00Z", new InitiativeDeferred("reindex", "h1", "h2", InitiativeStatus.PROPOSED))
                    .by("sam", "no room this half"));
    private static final Instant H2_STARTED = Instant.parse("2025-05-01T09:00:00Z");
    private static final Instant DEFERRED = Instant.parse("2025-05-02T09:00:00Z");

    @SafeVarargs
    private static ProjectionFixture given(List<Given>... parts) {
        List<Given> events = new ArrayList<>();
        Arrays.stream(parts).forEach(events::addAll);
        return ProjectionFixture.given(events);
    }

    /** The roadmap as a person reads it: rank, initiative, status, score. */
    private static List<String> ranking(RoadmapAnswer roadmap) {
        return roadmap.items().stream()
                      .map(item -> (item.rank() == null ? "-" : item.rank()) + " " + item.initiativeId() + " "
                                   + item.status() + (item.rice() == null ? "" : " " + item.rice().score()))
                      .toList();
    }

    private static RoadmapItem item(RoadmapAnswer roadmap, String initiativeId) {
        return roadmap.items().stream().filter(item -> item.initiativeId().equals(initiativeId)).findFirst()
                      .orElseThrow();
    }

    @Nested
    @DisplayName("when initiatives are proposed")
    class Proposed {

        private final ProjectionFixture views = given(CYCLES, PROPOSALS);

        @Test
        @DisplayName("each is on its cycle's roadmap, PROPOSED, unscored, ranked by title whatever its case")
        void unscored() {
            RoadmapAnswer roadmap = views.roadmap.roadmapAt("h1", null);

            assertThat(ranking(roadmap)).containsExactly("1 autocomplete PROPOSED", "2 checkout PROPOSED",
                                                         "3 fraud PROPOSED", "4 reindex PROPOSED");
            assertThat(item(roadmap, "checkout")).isEqualTo(new RoadmapItem(
                    2, "checkout", "Checkout revamp", "payments", "NEW_INITIATIVE", "PROPOSED", false, null,
                    BigDecimal.ZERO, List.of(), List.of()));
            assertThat(roadmap.lastEventAt()).isEqualTo(Instant.parse("2025-01-08T09:15:00Z"));
        }

        @Test
        @DisplayName("as of an instant between two proposals, the roadmap has only the first")
        void betweenProposals() {
            assertThat(ranking(views.roadmap.roadmapAt("h1", Instant.parse("2025-01-08T09:02:00Z"))))
                    .containsExactly("1 checkout PROPOSED");
        }

        @Test
        @DisplayName("before the cycle existed, there is no roadmap to read")
        void beforeTheCycle() {
            assertThatThrownBy(() -> views.roadmap.roadmapAt("h1", Instant.parse("2025-01-06T08:59:59Z")))
                    .isInstanceOf(ViewNotFound.class);
            assertThatThrownBy(() -> views.roadmap.roadmapAt("h2", null)).isInstanceOf(ViewNotFound.class);
        }

        @Test
        @DisplayName("the initiative's document has what the proposal said")
        void document() {
            Document checkout = views.roadmapViews.initiatives(List.of("checkout"), null).get("checkout");

            assertThat(checkout.getString("cycleId")).isEqualTo("h1");
            assertThat(checkout.getString("description")).isEqualTo("About Checkout revamp");
            assertThat(checkout.get("rice")).isNull();
            assertThat(checkout.get("deferredFrom")).isNull();
        }
    }

    @Nested
    @DisplayName("when they are scored with RICE")
    class Scored {

        private final ProjectionFixture views = given(CYCLES, PROPOSALS, SCORES);

        @Test
        @DisplayName("they rank by score, highest first, the unscored after every scored one")
        void ranked() {
            assertThat(ranking(views.roadmap.roadmapAt("h1", null))).containsExactly(
                    "1 checkout PROPOSED 400.00", "2 autocomplete PROPOSED 200.00", "3 fraud PROPOSED 133.33",
                    "4 reindex PROPOSED");
        }

        @Test
        @DisplayName("the inputs are kept exactly, the score shown to 2 decimals and kept exact")
        void exact() {
            assertThat(item(views.roadmap.roadmapAt("h1", null), "fraud").rice()).isEqualTo(new Rice(
                    decimal("500"), decimal("1"), decimal("0.8"), decimal("3"), decimal("133.33")));
            assertThat(views.roadmapViews.initiatives(List.of("fraud"), null).get("fraud").getString("score"))
                    .isEqualTo(FRAUD_RICE.score().toString()).startsWith("133.3333333");
        }
    }

    @Nested
    @DisplayName("when one is scored again")
    class Rescored {

        private final ProjectionFixture views = given(CYCLES, PROPOSALS, SCORES, RESCORE);

        @Test
        @DisplayName("its new score ranks it")
        void now() {
            assertThat(ranking(views.roadmap.roadmapAt("h1", null))).containsExactly(
                    "1 autocomplete PROPOSED 1200.00", "2 checkout PROPOSED 400.00", "3 fraud PROPOSED 133.33",
                    "4 reindex PROPOSED");
        }

        @Test
        @DisplayName("as of an instant before the re-score, its first score ranked it, with the first inputs")
        void before() {
            RoadmapAnswer then = views.roadmap.roadmapAt("h1", RESCORED.minusSeconds(1));

            assertThat(ranking(then)).containsExactly("1 checkout PROPOSED 400.00",
                                                      "2 autocomplete PROPOSED 200.00",
                                                      "3 fraud PROPOSED 133.33", "4 reindex PROPOSED");
            assertThat(item(then, "autocomplete").rice().reach()).isEqualTo(decimal("2000"));
            assertThat(then.lastEventAt()).isEqualTo(SCORED);
            assertThat(then.asOf()).isEqualTo(RESCORED.minusSeconds(1));
        }
    }

    @Nested
    @DisplayName("when they are committed, started, completed and dropped")
    class Decided {

        private final ProjectionFixture views = given(CYCLES, PROPOSALS, SCORES, RESCORE, DECISIONS);

        @Test
        @DisplayName("each shows its status; the dropped one is listed last with no rank")
        void statuses() {
            assertThat(ranking(views.roadmap.roadmapAt("h1", null))).containsExactly(
                    "1 autocomplete COMMITTED 1200.00", "2 checkout DONE 400.00", "3 reindex PROPOSED",
                    "- fraud DROPPED 133.33");
        }

        @Test
        @DisplayName("as of each instant, the status each had then")
        void statusesThen() {
            assertThat(ranking(views.roadmap.roadmapAt("h1", COMMITTED)))
                    .containsExactly("1 autocomplete COMMITTED 1200.00", "2 checkout COMMITTED 400.00",
                                     "3 fraud PROPOSED 133.33", "4 reindex PROPOSED");
            assertThat(ranking(views.roadmap.roadmapAt("h1", DROPPED.minusSeconds(1))))
                    .containsExactly("1 autocomplete COMMITTED 1200.00", "2 checkout IN_PROGRESS 400.00",
                                     "3 fraud PROPOSED 133.33", "4 reindex PROPOSED");
            assertThat(ranking(views.roadmap.roadmapAt("h1", COMPLETED.minusSeconds(1))))
                    .containsExactly("1 autocomplete COMMITTED 1200.00", "2 checkout IN_PROGRESS 400.00",
                                     "3 reindex PROPOSED", "- fraud DROPPED 133.33");
        }

        @Test
        @DisplayName("an item shows its allocation, its key results, and a committed one the dependency not committed")
        void allocationLinksAndRisks() {
            RoadmapAnswer roadmap = views.roadmap.roadmapAt("h1", null);

            assertThat(item(roadmap, "checkout").allocatedPersonWeeks()).isEqualTo(decimal("6"));
            assertThat(item(roadmap, "checkout").keyResults())
                    .containsExactly(new KeyResultLink("conversion", "kr-1"));
            assertThat(item(roadmap, "autocomplete").dependencyRisks())
                    .containsExactly(new DependencyRisk("reindex", "not committed"));
            assertThat(item(views.roadmap.roadmapAt("h1", COMMITTED.minusSeconds(1)), "autocomplete")
                               .dependencyRisks()).as("not committed itself yet").isEmpty();
            assertThat(item(views.roadmap.roadmapAt("h1", COMMITTED), "checkout").allocatedPersonWeeks())
                    .as("before the allocation").isEqualTo(BigDecimal.ZERO);
        }
    }

    @Nested
    @DisplayName("when an initiative is deferred to another cycle")
    class Deferred {

        private final ProjectionFixture views = given(CYCLES, PROPOSALS, SCORES, RESCORE, DECISIONS, DEFERRAL);

        @Test
        @DisplayName("it leaves the old cycle's roadmap and enters the new one's, PROPOSED again")
        void moves() {
            assertThat(ranking(views.roadmap.roadmapAt("h1", null))).containsExactly(
                    "1 autocomplete COMMITTED 1200.00", "2 checkout DONE 400.00", "- fraud DROPPED 133.33");
            assertThat(ranking(views.roadmap.roadmapAt("h2", null))).containsExactly("1 reindex PROPOSED");
            assertThat(views.roadmapViews.initiatives(List.of("reindex"), null).get("reindex")
                                         .getString("deferredFrom")).isEqualTo("h1");
        }

        @Test
        @DisplayName("the old cycle's set no longer has it as a member, though it remembers it was one")
        void sets() {
            Document h1 = views.roadmapViews.roadmaps().find("h1").orElseThrow();
            Document h2 = views.roadmapViews.roadmaps().find("h2").orElseThrow();

            assertThat(ViewSets.members(h1)).containsExactly("checkout", "fraud", "autocomplete");
            assertThat(ViewSets.members(h1, DEFERRED)).as("ever").contains("reindex");
            assertThat(ViewSets.members(h2)).containsExactly("reindex");
        }

        @Test
        @DisplayName("what depends on it is at risk: it is deferred to a later cycle")
        void risk() {
            assertThat(item(views.roadmap.roadmapAt("h1", null), "autocomplete").dependencyRisks())
                    .containsExactly(new DependencyRisk("reindex", "deferred to a later cycle: h2"));
        }

        @Test
        @DisplayName("as of an instant before the deferral, it was on the old roadmap and not on the new one")
        void before() {
            Instant between = DEFERRED.minusSeconds(60);

            assertThat(ranking(views.roadmap.roadmapAt("h1", between))).contains("3 reindex PROPOSED");
            assertThat(views.roadmap.roadmapAt("h2", between).items()).isEmpty();
            assertThatThrownBy(() -> views.roadmap.roadmapAt("h2", H2_STARTED.minusSeconds(1)))
                    .isInstanceOf(ViewNotFound.class);
        }

        @Test
        @DisplayName("as of every instant, each cycle's roadmap is what the events up to it give")
        void asOfEveryInstant() {
            views.assertAsOfEveryInstant((fixture, asOf) -> fixture.roadmap.roadmapAt("h1", asOf));
            views.assertAsOfEveryInstant((fixture, asOf) -> fixture.roadmap.roadmapAt("h2", asOf));
        }
    }
}
