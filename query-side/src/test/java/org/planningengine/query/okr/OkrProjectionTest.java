package org.planningengine.query.okr;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.KeyResultLinked;
import org.planningengine.events.okr.ChildObjectiveCarriedForward;
import org.planningengine.events.okr.Direction;
import org.planningengine.events.okr.FieldChange;
import org.planningengine.events.okr.KeyResultAdded;
import org.planningengine.events.okr.KeyResultGrade;
import org.planningengine.events.okr.KeyResultUpdated;
import org.planningengine.events.okr.ObjectiveField;
import org.planningengine.events.okr.ObjectiveGraded;
import org.planningengine.events.okr.ObjectiveRealigned;
import org.planningengine.events.okr.ObjectiveReviewed;
import org.planningengine.events.okr.ObjectiveRollupSet;
import org.planningengine.events.okr.ObjectiveSet;
import org.planningengine.events.okr.ReviewOutcome;
import org.planningengine.events.okr.RollupMode;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
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
                                                            "first week", FIRST_CHECK_IN))
                    .by("olga", null),
            at("2025-02-10T09:00:00Z", proposed("checkout", "h1", "payments", "Checkout revamp",
                                                Category.NEW_INITIATIVE)),
            at("2025-02-15T09:00:00Z", new KeyResultLinked("checkout", "conversion", "kr-1")),
            at("2025-03-01T09:00:00Z", new KeyResultUpdated("conversion", "kr-1", decimal("2.5"), decimal("3"),
                                                            decimal("0.25"), decimal("0.5"), decimal("0.8"),
                                                            "on track", SECOND_CHECK_IN))
                    .by("olga", null),
            at("2025-03-02T09:00:00Z", new KeyResultUpdated("conversion", "kr-2", null, decimal("50"),
                                                            BigDecimal.ZERO, decimal("0.5"), decimal("0.6"), null,
                                                            Instant.parse("2025-03-02T08:00:00Z"))),
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
        @DisplayName("each is ACTIVE, rolls up by MEAN, has nothing to measure yet; those under another after it")
        void set() {
            OkrAnswer okrs = views.okrs.okrsAt("h1", null);

            assertThat(okrs.objectives()).extracting(ObjectiveView::objectiveId)
                                         .containsExactly("conversion", "checkout-ux");
            ObjectiveView conversion = objective(okrs, "conversion");
            assertThat(conversion).as("its last event is that of the objective under it").isEqualTo(new ObjectiveView(
                    "conversion", "Lift conversion", "payments", null, List.of("checkout-ux"), "ACTIVE", false, null,
                    "MEAN", null, null, null, null, List.of(), List.of(), SET.plusSeconds(300)));
            ObjectiveView checkoutUx = objective(okrs, "checkout-ux");
            assertThat(checkoutUx.parentObjectiveId()).isEqualTo("conversion");
            assertThat(checkoutUx.weight()).as("in its parent's progress").isEqualTo(BigDecimal.ONE);
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
                    decimal("40"), null, decimal("0"), null, null, null, null, BigDecimal.ONE, List.of(),
                    List.of()));
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
            assertThat(kr1.measuredAt()).isEqualTo(SECOND_CHECK_IN);
            assertThat(kr1.confidenceTrend()).containsExactly(
                    new CheckIn(FIRST_CHECK_IN, FIRST_CHECK_IN, decimal("2.5"), decimal("0.25"), decimal("0.7"),
                                "first week", "olga"),
                    new CheckIn(SECOND_CHECK_IN, SECOND_CHECK_IN, decimal("3"), decimal("0.5"), decimal("0.8"),
                                "on track", "olga"));
            assertThat(keyResult(conversion, "kr-2").measuredAt()).isEqualTo(Instant.parse("2025-03-02T08:00:00Z"));
            assertThat(conversion.progress()).as("the mean of its key results'; the objective under it has none")
                                             .isEqualTo(decimal("0.5"));
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
    @Nested
    @DisplayName("when check-ins are measured before they are recorded, out of order")
    class MeasuredAt {

        private static final Instant RECORDED_FIRST = Instant.parse("2025-03-01T09:00:00Z");
        private static final Instant RECORDED_LATE = Instant.parse("2025-03-05T09:00:00Z");
        private static final Instant RECORDED_LAST = Instant.parse("2025-03-06T09:00:00Z");
        private static final Instant MEASURED_FIRST = Instant.parse("2025-02-20T09:00:00Z");
        private static final Instant MEASURED_EARLIER = Instant.parse("2025-02-10T09:00:00Z");

        private final ProjectionFixture views = ProjectionFixture.given(
                at("2025-01-06T09:00:00Z", cycleStarted("h1", "2025-01-01", "2025-06-30")),
                at("2025-01-07T09:00:00Z", new ObjectiveSet("conversion", "h1", "payments", "Lift conversion", null,
                                                            null)),
                at("2025-01-08T09:00:00Z", new KeyResultAdded("conversion", "kr-1", "Checkout conversion",
                                                              "conversion rate", "%", decimal("2"), decimal("4"),
                                                              Direction.INCREASE, null)),
                at("2025-03-01T09:00:00Z", new KeyResultUpdated("conversion", "kr-1", null, decimal("3"),
                                                                BigDecimal.ZERO, decimal("0.5"), decimal("0.8"),
                                                                "February's figure", MEASURED_FIRST)),
                at("2025-03-05T09:00:00Z", new KeyResultUpdated("conversion", "kr-1", decimal("3"), decimal("2.5"),
                                                                decimal("0.5"), decimal("0.25"), decimal("0.6"),
                                                                "an older figure, entered late", MEASURED_EARLIER)),
                at("2025-03-06T09:00:00Z", new KeyResultUpdated("conversion", "kr-1", decimal("3"), decimal("3.5"),
                                                                decimal("0.5"), decimal("0.75"), decimal("0.9"),
                                                                "February's figure, corrected", MEASURED_FIRST)));

        private KeyResult kr1(Instant asOf) {
            return keyResult(objective(views.okrs.okrsAt("h1", asOf), "conversion"), "kr-1");
        }

        @Test
        @DisplayName("a late-entered older measurement joins the trend where it was measured, and replaces nothing")
        void olderMeasurementEnteredLate() {
            KeyResult kr1 = kr1(RECORDED_LAST.minusSeconds(1));

            assertThat(kr1.current()).isEqualTo(decimal("3"));
            assertThat(kr1.progress()).isEqualTo(decimal("0.5"));
            assertThat(kr1.confidence()).isEqualTo(decimal("0.8"));
            assertThat(kr1.measuredAt()).isEqualTo(MEASURED_FIRST);
            assertThat(kr1.lastCheckInAt()).isEqualTo(RECORDED_FIRST);
            assertThat(kr1.confidenceTrend()).extracting(CheckIn::measuredAt, CheckIn::at, CheckIn::value)
                                             .containsExactly(tuple(MEASURED_EARLIER, RECORDED_LATE, decimal("2.5")),
                                                              tuple(MEASURED_FIRST, RECORDED_FIRST, decimal("3")));
        }

        @Test
        @DisplayName("of two measured at the same instant, the one recorded later stands")
        void sameInstant() {
            KeyResult kr1 = kr1(null);

            assertThat(kr1.current()).isEqualTo(decimal("3.5"));
            assertThat(kr1.measuredAt()).isEqualTo(MEASURED_FIRST);
            assertThat(kr1.lastCheckInAt()).isEqualTo(RECORDED_LAST);
            assertThat(kr1.confidenceTrend()).extracting(CheckIn::value)
                                             .containsExactly(decimal("2.5"), decimal("3"), decimal("3.5"));
        }

        @Test
        @DisplayName("as of an instant, a check-in shows once it was recorded, not once it was measured")
        void asOfTheRecording() {
            assertThat(kr1(RECORDED_FIRST.minusSeconds(1)).confidenceTrend()).as("measured, not yet recorded")
                                                                          .isEmpty();
            assertThat(kr1(RECORDED_LATE.minusSeconds(1)).confidenceTrend()).extracting(CheckIn::value)
                                                                         .containsExactly(decimal("3"));
            views.assertAsOfEveryInstant((fixture, asOf) -> fixture.okrs.okrsAt("h1", asOf));
        }
    }

    @Nested
    @DisplayName("when objectives are aligned under others")
    class RollingUp {

        private static final Instant CHILD_CHECKED_IN_AGAIN = Instant.parse("2025-03-01T09:00:00Z");
        private static final Instant WEIGHTED = Instant.parse("2025-04-01T09:00:00Z");
        private static final Instant RETIRED = Instant.parse("2025-05-01T09:00:00Z");

        /**
         * platform (organisation; key result 90% there) over payments (20%, over checkout: 60%, later 100%) and
         * search (no key result); then platform weighs its own key result 3 and payments 2, and payments retires.
         */
        private final ProjectionFixture views = ProjectionFixture.given(
                at("2025-01-06T09:00:00Z", cycleStarted("h1", "2025-01-01", "2025-06-30")),
                at("2025-01-07T09:00:00Z", new ObjectiveSet("platform", "h1", null, "A platform people trust", null,
                                                            null)),
                at("2025-01-07T09:01:00Z", new ObjectiveSet("payments", "h1", "payments", "Payments that work",
                                                            "platform", null)),
                at("2025-01-07T09:02:00Z", new ObjectiveSet("search", "h1", "search", "Search that finds",
                                                            "platform", null)),
                at("2025-01-07T09:03:00Z", new ObjectiveSet("checkout", "h1", "payments", "Checkout in one step",
                                                            "payments", null)),
                // 5
                at("2025-01-08T09:00:00Z", percent("platform", "uptime")),
                at("2025-01-08T09:01:00Z", percent("payments", "success")),
                at("2025-01-08T09:02:00Z", percent("checkout", "one-step")),
                at("2025-02-01T09:00:00Z", checkedIn("platform", "uptime", "90", "0.9")),
                at("2025-02-01T09:01:00Z", checkedIn("payments", "success", "20", "0.2")),
                // 10
                at("2025-02-01T09:02:00Z", checkedIn("checkout", "one-step", "60", "0.6")),
                at("2025-03-01T09:00:00Z", checkedIn("checkout", "one-step", "100", "1")),
                at("2025-04-01T09:00:00Z", new ObjectiveRollupSet("platform", RollupMode.WEIGHTED,
                                                                  Map.of("uptime", decimal("3")),
                                                                  Map.of("payments", decimal("2"))))
                        .by("alice", "uptime first"),
                at("2025-05-01T09:00:00Z", new ObjectiveReviewed("payments", ReviewOutcome.RETIRE, List.of()))
                        .by("alice", "folded into the platform"));

        private static KeyResultAdded percent(String objectiveId, String keyResultId) {
            return new KeyResultAdded(objectiveId, keyResultId, keyResultId, keyResultId, "%", decimal("0"),
                                      decimal("100"), Direction.INCREASE, null);
        }

        private static KeyResultUpdated checkedIn(String objectiveId, String keyResultId, String value,
                                                  String progress) {
            return new KeyResultUpdated(objectiveId, keyResultId, null, decimal(value), BigDecimal.ZERO,
                                        decimal(progress), decimal("0.5"), null, Instant.parse("2025-01-31T09:00:00Z"));
        }

        private ObjectiveView asOf(String objectiveId, Instant asOf) {
            return objective(views.okrs.okrsAt("h1", asOf), objectiveId);
        }

        @Test
        @DisplayName("MEAN: an objective's progress is the mean of its key results and the objectives under it")
        void mean() {
            Instant before = CHILD_CHECKED_IN_AGAIN.minusSeconds(1);

            assertThat(asOf("checkout", before).progress()).isEqualTo(decimal("0.6"));
            assertThat(asOf("payments", before).progress()).as("(0.2 + 0.6) / 2").isEqualTo(decimal("0.4"));
            assertThat(asOf("search", before).progress()).as("nothing to measure").isNull();
            assertThat(asOf("platform", before).progress()).as("(0.9 + 0.4) / 2; search does not count")
                                                           .isEqualTo(decimal("0.65"));
            assertThat(asOf("platform", before).rollup()).isEqualTo("MEAN");
            assertThat(asOf("platform", before).weight()).as("at the top").isNull();
        }

        @Test
        @DisplayName("a check-in below changes every objective above it, from then on")
        void aChildChangesAfterItsParent() {
            assertThat(asOf("payments", CHILD_CHECKED_IN_AGAIN).progress()).isEqualTo(decimal("0.6"));
            assertThat(asOf("platform", CHILD_CHECKED_IN_AGAIN).progress()).as("(0.9 + 0.6) / 2")
                                                                          .isEqualTo(decimal("0.75"));
            assertThat(asOf("platform", CHILD_CHECKED_IN_AGAIN).lastEventAt()).as("the check-in below")
                                                                             .isEqualTo(CHILD_CHECKED_IN_AGAIN);
            assertThat(asOf("platform", CHILD_CHECKED_IN_AGAIN.minusSeconds(1)).progress()).isEqualTo(decimal("0.65"));
        }

        @Test
        @DisplayName("WEIGHTED: each part counts by its weight (1 unless given)")
        void weighted() {
            ObjectiveView platform = asOf("platform", WEIGHTED);

            assertThat(platform.rollup()).isEqualTo("WEIGHTED");
            assertThat(platform.progress()).as("(3 × 0.9 + 2 × 0.6) / 5").isEqualTo(decimal("0.78"));
            assertThat(keyResult(platform, "uptime").weight()).isEqualTo(decimal("3"));
            assertThat(asOf("payments", WEIGHTED).weight()).isEqualTo(decimal("2"));
            assertThat(asOf("search", WEIGHTED).weight()).as("not given, and nothing to measure")
                                                         .isEqualTo(BigDecimal.ONE);
            assertThat(asOf("checkout", WEIGHTED).weight()).as("payments rolls up by MEAN").isEqualTo(BigDecimal.ONE);
        }

        @Test
        @DisplayName("a retired objective no longer counts in its parent's progress")
        void retired() {
            assertThat(asOf("payments", RETIRED).progress()).as("its own progress stays").isEqualTo(decimal("0.6"));
            assertThat(asOf("platform", RETIRED).progress()).as("its own key result alone").isEqualTo(decimal("0.9"));
        }

        @Test
        @DisplayName("as of every instant, and after a replay, the progress is what the events up to it give")
        void asOfEveryInstantAndReplayed() {
            OkrAnswer now = views.okrs.okrsAt("h1", null);
            views.assertAsOfEveryInstant((fixture, asOf) -> fixture.okrs.okrsAt("h1", asOf));

            views.reset().redeliver(0);
            assertThat(views.okrs.okrsAt("h1", null)).isEqualTo(now);
        }
    }

    @Nested
    @DisplayName("when a carried-forward objective follows its parent")
    class Realigned {

        private final List<Given> events = List.of(
                at("2025-07-01T09:00:00Z", cycleStarted("h2", "2025-07-01", "2025-12-31")),
                at("2025-07-02T09:00:00Z", new ObjectiveSet("payments-2", "h2", "payments", "Payments that work",
                                                            null, "payments")),
                at("2025-07-03T09:00:00Z", new ObjectiveSet("platform-2", "h2", null, "A platform people trust",
                                                            null, "platform")),
                at("2025-07-03T09:00:00Z", new ChildObjectiveCarriedForward("platform-2", "platform-2-child", "h3",
                                                                            "platform-3-child")),
                at("2025-07-03T09:00:00Z", new ObjectiveRealigned("payments-2", null, "platform-2"))
                        .by("alice", "objective platform was carried forward to cycle h2 as platform-2: next half"));

        @Test
        @DisplayName("it is under its new parent from then on; what a parent remembers of its children shows nowhere")
        void underItsNewParent() {
            ProjectionFixture views = ProjectionFixture.given(events);
            OkrAnswer okrs = views.okrs.okrsAt("h2", null);

            assertThat(okrs.objectives()).extracting(ObjectiveView::objectiveId)
                                         .containsExactly("platform-2", "payments-2");
            assertThat(objective(okrs, "platform-2").children()).containsExactly("payments-2");
            assertThat(objective(okrs, "payments-2").parentObjectiveId()).isEqualTo("platform-2");
            assertThat(objective(views.okrs.okrsAt("h2", Instant.parse("2025-07-02T09:00:00Z")), "payments-2")
                               .parentObjectiveId()).isNull();
            assertThat(views.documents()).isEqualTo(
                    ProjectionFixture.given(List.of(events.get(0), events.get(1), events.get(2), events.get(4)))
                                     .documents());
        }
    }
}
