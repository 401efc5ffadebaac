package org.planningengine.query.okr;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.KeyResultLinked;
import org.planningengine.events.okr.Direction;
import org.planningengine.events.okr.FieldChange;
import org.planningengine.events.okr.KeyResultAdded;
import org.planningengine.events.okr.KeyResultGrade;
import org.planningengine.events.okr.KeyResultUpdated;
import org.planningengine.events.okr.ObjectiveField;
import org.planningengine.events.okr.ObjectiveGraded;
import org.planningengine.events.okr.ObjectiveReviewed;
import org.planningengine.events.okr.ObjectiveSet;
import org.planningengine.events.okr.ReviewOutcome;
import org.planningengine.events.okr.SpaceDimension;
import org.planningengine.query.okr.ObjectiveView.Change;
import org.planningengine.query.okr.ObjectiveView.CheckIn;
import org.planningengine.query.okr.ObjectiveView.KeyResult;
import org.planningengine.query.okr.ObjectiveView.Review;
import org.planningengine.query.plan.OkrReads.OkrAnswer;
import org.planningengine.query.testing.ProjectionFixture;
import org.planningengine.query.testing.ProjectionFixture.Given;
import org.planningengine.query.views.ViewNotFound;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.planningengine.query.testing.PlanEvents.cycleStarted;
import static org.planningengine.query.testing.PlanEvents.decimal;
import static org.planningengine.query.testing.PlanEvents.proposed;
import static org.planningengine.query.testing.ProjectionFixture.at;

@DisplayName("The OKR projection and the OKR read")
class OkrProjectionTest {

    private static final Instant STARTED = Instant.parse("2025-01-06T09:00:00Z");
    private static final Instant SET = Instant.parse("2025-01-07T09:00:00Z");
    private static final Instant FIRST_CHECK_IN = Instant.parse("2025-02-01T09:00:00Z");
    private static final Instant LINKED = Instant.parse("2025-02-15T09:00:00Z");
    private static final Instant SECOND_CHECK_IN = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant ADJUSTED = Instant.parse("2025-04-01T09:00:00Z");
    private static final Instant RETIRED = Instant.parse("2025-04-01T09:05:00Z");
    private static final Instant GRADED = Instant.parse("2025-06-30T09:00:00Z");

    private static final List<Given> EVENTS = List.of(
            at("2025-01-06T09:00:00Z", cycleStarted("h1", "2025-01-01", "2025-06-30")),
            at("2025-01-07T09:00:00Z", new ObjectiveSet("conversion", "h1", "payments", "Lift conversion", null,
                                                        null)),
            at("2025-01-07T09:05:00Z", new ObjectiveSet("checkout-ux", "h1", "payments", "Smoother checkout",
                                                        "conversion", null)),
            at("2025-01-08T09:00:00Z", new KeyResultAdded("conversion", "kr-1", "Checkout conversion",
                                                          "conversion rate", "%", decimal("2"), decimal("4"),
                                                          Direction.INCREASE, null)),
            at("2025-01-08T09:05:00Z", new KeyResultAdded("conversion", "kr-2", "Abandoned carts", "abandonment",
                                                          "%", decimal("60"), decimal("40"), Direction.DECREASE,
                                                          SpaceDimension.PERFORMANCE)),
            // 5
            at("2025-02-01T09:00:00Z", new KeyResultUpdated("conversion", "kr-1", null, decimal("2.5"),
                                                            BigDecimal.ZERO, decimal("0.25"), decimal("0.7"),
                                                            "first week"))
                    .by("olga", null),
            at("2025-02-10T09:00:00Z", proposed("checkout", "h1", "payments", "Checkout revamp",
                                                Category.NEW_INITIATIVE)),
            at("2025-02-15T09:00:00Z", new KeyResultLinked("checkout", "conversion", "kr-1")),
            at("2025-03-01T09:00:00Z", new KeyResultUpdated("conversion", "kr-1", decimal("2.5"), decimal("3"),
                                                            decimal("0.25"), decimal("0.5"), decimal("0.8"),
                                                            "on track"))
                    .by("olga", null),
            at("2025-03-02T09:00:00Z", new KeyResultUpdated("conversion", "kr-2", null, decimal("50"),
                                                            BigDecimal.ZERO, decimal("0.5"), decimal("0.6"), null)),
            // 10
            at("2025-04-01T09:00:00Z", new ObjectiveReviewed("conversion", ReviewOutcome.ADJUST, List.of(
                    new FieldChange(ObjectiveField.TITLE, "Lift conversion", "Lift checkout conversion"))))
                    .by("alice", "narrower"),
            at("2025-04-01T09:05:00Z", new ObjectiveReviewed("checkout-ux", ReviewOutcome.RETIRE, List.of()))
                    .by("alice", "folded into conversion"),
            at("2025-06-30T09:00:00Z", new ObjectiveGraded("conversion", List.of(
                    new KeyResultGrade("kr-1", decimal("0.5"), true),
                    new KeyResultGrade("kr-2", decimal("0.7"), false)), decimal("0.6"))));

    private static ProjectionFixture given(int events) {
        return ProjectionFixture.given(EVENTS.subList(0, events));
    }

    private static ObjectiveView objective(OkrAnswer okrs, String objectiveId) {
        return okrs.objectives().stream().filter(objective -> objective.objectiveId().equals(objectiveId))
                   .findFirst().orElseThrow();
    }

    private static KeyResult keyResult(ObjectiveView objective, String keyResultId) {
        return objective.keyResults().stream().filter(keyResult -> keyResult.keyResultId().equals(keyResultId))
                        .findFirst().orElseThrow();
    }

    @Nested
    @DisplayName("when objectives are set")
    class ObjectivesSet {

        private final ProjectionFixture views = given(3);

        @Test
        @DisplayName("each is ACTIVE, without key results or progress, those aligned under another after it")
        void set() {
            OkrAnswer okrs = views.okrs.okrsAt("h1", null);

            assertThat(okrs.objectives()).extracting(ObjectiveView::objectiveId)
                                         .containsExactly("conversion", "checkout-ux");
            ObjectiveView conversion = objective(okrs, "conversion");
            assertThat(conversion).isEqualTo(new ObjectiveView(
                    "conversion", "Lift conversion", "payments", null, List.of("checkout-ux"), "ACTIVE", false, null,
                    null, null, null, List.of(), List.of(), SET));
            assertThat(objective(okrs, "checkout-ux").parentObjectiveId()).isEqualTo("conversion");
        }

        @Test
        @DisplayName("before they were set the cycle had none, and before the cycle there is nothing to read")
        void before() {
            assertThat(views.okrs.okrsAt("h1", SET.minusNanos(1)).objectives()).isEmpty();
            assertThatThrownBy(() -> views.okrs.okrsAt("h1", STARTED.minusNanos(1)))
                    .isInstanceOf(ViewNotFound.class);
        }
    }

    @Nested
    @DisplayName("when key results are added and checked in")
    class CheckIns {

        private final ProjectionFixture views = given(10);

        @Test
        @DisplayName("a key result starts at progress 0, with no current value")
        void added() {
            KeyResult added = keyResult(objective(views.okrs.okrsAt("h1", FIRST_CHECK_IN.minusNanos(1)),
                                                  "conversion"), "kr-2");

            assertThat(added).isEqualTo(new KeyResult(
                    "kr-2", "Abandoned carts", "abandonment", "%", "DECREASE", "PERFORMANCE", decimal("60"),
                    decimal("40"), null, decimal("0"), null, null, null, List.of(), List.of()));
        }

        @Test
        @DisplayName("a check-in updates current, progress and confidence, and joins the trend")
        void checkedIn() {
            ObjectiveView conversion = objective(views.okrs.okrsAt("h1", null), "conversion");
            KeyResult kr1 = keyResult(conversion, "kr-1");

            assertThat(kr1.current()).isEqualTo(decimal("3"));
            assertThat(kr1.progress()).isEqualTo(decimal("0.5"));
            assertThat(kr1.confidence()).isEqualTo(decimal("0.8"));
            assertThat(kr1.lastCheckInAt()).isEqualTo(SECOND_CHECK_IN);
            assertThat(kr1.confidenceTrend()).containsExactly(
                    new CheckIn(FIRST_CHECK_IN, decimal("2.5"), decimal("0.25"), decimal("0.7"), "first week",
                                "olga"),
                    new CheckIn(SECOND_CHECK_IN, decimal("3"), decimal("0.5"), decimal("0.8"), "on track", "olga"));
            assertThat(conversion.progress()).as("the mean of its key results'").isEqualTo(decimal("0.5"));
        }

        @Test
        @DisplayName("as of an instant between check-ins, the key result is as the first left it")
        void betweenCheckIns() {
            ObjectiveView then = objective(views.okrs.okrsAt("h1", LINKED.minusSeconds(1)), "conversion");
            KeyResult kr1 = keyResult(then, "kr-1");

            assertThat(kr1.current()).isEqualTo(decimal("2.5"));
            assertThat(kr1.confidenceTrend()).hasSize(1);
            assertThat(kr1.initiatives()).as("not linked yet").isEmpty();
            assertThat(then.progress()).isEqualTo(decimal("0.125"));
            assertThat(then.lastEventAt()).isEqualTo(FIRST_CHECK_IN);
        }

        @Test
        @DisplayName("an initiative linked to a key result is listed with it from then on")
        void linked() {
            assertThat(keyResult(objective(views.okrs.okrsAt("h1", LINKED), "conversion"), "kr-1").initiatives())
                    .containsExactly("checkout");
        }
    }

    @Nested
    @DisplayName("when objectives are reviewed")
    class Reviewed {

        private final ProjectionFixture views = given(12);

        @Test
        @DisplayName("ADJUST changes the fields it names, and the review is kept with who, why and what changed")
        void adjusted() {
            ObjectiveView conversion = objective(views.okrs.okrsAt("h1", null), "conversion");

            assertThat(conversion.title()).isEqualTo("Lift checkout conversion");
            assertThat(conversion.status()).isEqualTo("ACTIVE");
            assertThat(conversion.reviews()).containsExactly(new Review(
                    ADJUSTED, "ADJUST", "narrower", "alice",
                    List.of(new Change("title", "Lift conversion", "Lift checkout conversion"))));
            ObjectiveView before = objective(views.okrs.okrsAt("h1", ADJUSTED.minusNanos(1)), "conversion");
            assertThat(before.title()).isEqualTo("Lift conversion");
            assertThat(before.reviews()).isEmpty();
        }

        @Test
        @DisplayName("RETIRE retires the objective from then on")
        void retired() {
            assertThat(objective(views.okrs.okrsAt("h1", null), "checkout-ux").status()).isEqualTo("RETIRED");
            assertThat(objective(views.okrs.okrsAt("h1", RETIRED.minusNanos(1)), "checkout-ux").status())
                    .isEqualTo("ACTIVE");
        }
    }

    @Nested
    @DisplayName("when an objective is graded")
    class Graded {

        private final ProjectionFixture views = given(EVENTS.size());

        @Test
        @DisplayName("it is GRADED, with its grade and each key result's")
        void graded() {
            ObjectiveView conversion = objective(views.okrs.okrsAt("h1", null), "conversion");

            assertThat(conversion.status()).isEqualTo("GRADED");
            assertThat(conversion.grade()).isEqualTo(decimal("0.6"));
            assertThat(conversion.keyResults()).extracting(KeyResult::grade)
                                               .containsExactly(decimal("0.5"), decimal("0.7"));
            ObjectiveView before = objective(views.okrs.okrsAt("h1", GRADED.minusSeconds(1)), "conversion");
            assertThat(before.status()).isEqualTo("ACTIVE");
            assertThat(before.grade()).isNull();
        }

        @Test
        @DisplayName("as of every instant, the OKRs are what the events up to it give")
        void asOfEveryInstant() {
            views.assertAsOfEveryInstant((fixture, asOf) -> fixture.okrs.okrsAt("h1", asOf));
        }
    }
}
