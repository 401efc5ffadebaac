package org.planningengine.command.okr;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.planningengine.command.ListedRegistry;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.cycle.CycleStatus;
import org.planningengine.events.okr.Direction;
import org.planningengine.events.okr.FieldChange;
import org.planningengine.events.okr.KeyResultAdded;
import org.planningengine.events.okr.KeyResultGrade;
import org.planningengine.events.okr.KeyResultUpdated;
import org.planningengine.events.okr.ObjectiveArchived;
import org.planningengine.events.okr.ObjectiveCarriedForward;
import org.planningengine.events.okr.ObjectiveField;
import org.planningengine.events.okr.ObjectiveGraded;
import org.planningengine.events.okr.ObjectiveRestored;
import org.planningengine.events.okr.ObjectiveReviewed;
import org.planningengine.events.okr.ObjectiveSet;
import org.planningengine.events.okr.ObjectiveStatus;
import org.planningengine.events.okr.ReviewOutcome;
import org.planningengine.events.okr.SpaceDimension;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.containsString;

class ObjectiveTest {

    private ListedRegistry registry;
    private AggregateTestFixture<Objective> fixture;

    @BeforeEach
    void fixture() {
        registry = new ListedRegistry().withTeams("payments")
                                       .withCycle("2027-s1", CycleStatus.PLANNING, LocalDate.parse("2027-04-01"))
                                       .withCycle("2027-s2", CycleStatus.PLANNING, LocalDate.parse("2027-10-01"))
                                       .withCycle("2026-s2", CycleStatus.CLOSED, LocalDate.parse("2026-10-01"))
                                       .withObjective("trusted-platform", "2027-s1", null)
                                       .withObjective("old-goal", "2026-s2", null);
        fixture = new AggregateTestFixture<>(Objective.class);
        fixture.registerInjectableResource(registry);
    }

    private static BigDecimal n(String number) {
        return new BigDecimal(number);
    }

    private static SetObjective set() {
        return new SetObjective("reliable-payments", "2027-s1", "payments", "Reliable payments", "trusted-platform");
    }

    /** p99 latency from 1400 ms down to 800 ms. */
    private static AddKeyResult latency() {
        return new AddKeyResult("reliable-payments", "p99", "p99 under 800 ms", "checkout latency p99", "ms",
                                n("1400"), n("800"), null, SpaceDimension.PERFORMANCE);
    }

    /** Successful payments from 95% up to 99%. */
    private static AddKeyResult success() {
        return new AddKeyResult("reliable-payments", "success", "99% succeed", "payment success rate", "%",
                                n("95"), n("99"), Direction.INCREASE, null);
    }

    private static UpdateKeyResult checkIn(String keyResultId, String value, String confidence) {
        return new UpdateKeyResult("reliable-payments", keyResultId, n(value), n(confidence), null);
    }

    private TestExecutor<Objective> given(Object... more) {
        Object[] commands = new Object[more.length + 3];
        commands[0] = set();
        commands[1] = latency();
        commands[2] = success();
        System.arraycopy(more, 0, commands, 3, more.length);
        return fixture.givenCommands(commands);
    }

    private static KeyResultAdded latencyAdded(String objectiveId, String baseline) {
        return new KeyResultAdded(objectiveId, "p99", "p99 under 800 ms", "checkout latency p99", "ms", n(baseline),
                                  n("800"), Direction.DECREASE, SpaceDimension.PERFORMANCE);
    }

    @Nested
    @DisplayName("setting an objective")
    class Setting {

        @Test
        void setsATeamObjectiveUnderAParent() {
            fixture.givenNoPriorActivity().when(set())
                   .expectEvents(new ObjectiveSet("reliable-payments", "2027-s1", "payments", "Reliable payments",
                                                  "trusted-platform", null));
        }

        @Test
        void anObjectiveWithoutOwnerIsTheOrganisations() {
            fixture.givenNoPriorActivity()
                   .when(new SetObjective("faster-org", "2027-s1", null, " Faster org ", null))
                   .expectEvents(new ObjectiveSet("faster-org", "2027-s1", null, "Faster org", null, null));
        }

        @Test
        void refusesAClosedOrUnknownCycle() {
            fixture.givenNoPriorActivity()
                   .when(new SetObjective("late", "2026-s2", null, "Late", null))
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage(containsString("cycle 2026-s2 is CLOSED"));
        }

        @Test
        void refusesAnUnknownCycle() {
            fixture.givenNoPriorActivity()
                   .when(new SetObjective("never", "2030-s1", null, "Never", null))
                   .expectNoEvents().expectException(UnknownReference.class)
                   .expectExceptionMessage(containsString("cycle 2030-s1 does not exist"));
        }

        @Test
        void refusesAnUnknownOwner() {
            fixture.givenNoPriorActivity()
                   .when(new SetObjective("reliable-payments", "2027-s1", "ghosts", "x", null))
                   .expectNoEvents().expectException(UnknownReference.class)
                   .expectExceptionMessage(containsString("team ghosts does not exist"));
        }

        @Test
        void refusesAParentThatIsUnknownOrInAnotherCycle() {
            fixture.givenNoPriorActivity()
                   .when(new SetObjective("reliable-payments", "2027-s1", null, "x", "nowhere"))
                   .expectNoEvents().expectException(UnknownReference.class)
                   .expectExceptionMessage(containsString("objective nowhere does not exist"));
            fixture.givenNoPriorActivity()
                   .when(new SetObjective("reliable-payments", "2027-s1", null, "x", "old-goal"))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("objective old-goal is in cycle 2026-s2, not 2027-s1"));
        }

        @Test
        void refusesAnIdThatExistsABadIdAndNoTitle() {
            fixture.givenNoPriorActivity()
                   .when(new SetObjective("trusted-platform", "2027-s1", null, "Again", null))
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage(containsString("objective trusted-platform already exists"));
            fixture.givenNoPriorActivity()
                   .when(new SetObjective("Reliable!", "2027-s1", null, "x", null))
                   .expectNoEvents().expectException(RuleViolated.class);
            fixture.givenNoPriorActivity()
                   .when(new SetObjective("reliable-payments", "2027-s1", null, " ", null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("title is required"));
        }
    }

    @Nested
    @DisplayName("adding key results")
    class AddingKeyResults {

        @Test
        void derivesTheDirectionFromBaselineAndTarget() {
            fixture.givenCommands(set()).when(latency())
                   .expectEvents(latencyAdded("reliable-payments", "1400"));
        }

        @Test
        void takesAGivenDirectionThatAgrees() {
            fixture.givenCommands(set()).when(success())
                   .expectEvents(new KeyResultAdded("reliable-payments", "success", "99% succeed",
                                                    "payment success rate", "%", n("95"), n("99"),
                                                    Direction.INCREASE, null));
        }

        @Test
        void refusesAMetricOrUnitTooLongOrNoValidText() {
            given().when(new AddKeyResult("reliable-payments", "p95", "p95", "m".repeat(201), "ms", n("1"), n("2"),
                                          null, null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage("metric may be at most 200 characters (was 201)");
            given().when(new AddKeyResult("reliable-payments", "p95", "p95", "latency", "m\u0007s", n("1"), n("2"),
                                          null, null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("unit contains the control character U+0007"));
        }

        @Test
        void refusesADirectionThatContradictsBaselineAndTarget() {
            fixture.givenCommands(set())
                   .when(new AddKeyResult("reliable-payments", "p99", "t", "m", "ms", n("1400"), n("800"),
                                          Direction.INCREASE, null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("direction INCREASE contradicts baseline 1400 and target "
                                                          + "800, which make it DECREASE"));
        }

        @Test
        void refusesATargetEqualToTheBaselineAndMissingMetricOrUnit() {
            fixture.givenCommands(set())
                   .when(new AddKeyResult("reliable-payments", "p99", "t", "m", "ms", n("800"), n("800.0"), null,
                                          null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("target must differ from baseline"));
            fixture.givenCommands(set())
                   .when(new AddKeyResult("reliable-payments", "p99", "t", " ", "ms", n("1"), n("2"), null, null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("metric is required"));
            fixture.givenCommands(set())
                   .when(new AddKeyResult("reliable-payments", "p99", "t", "m", null, n("1"), n("2"), null, null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("unit is required"));
        }

        @Test
        void refusesAKeyResultIdTwiceAndARetiredObjective() {
            given().when(latency()).expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage(containsString("key result p99 already exists"));
            fixture.givenCommands(set(), new ReviewObjective("reliable-payments", ReviewOutcome.RETIRE, null,
                                                             "superseded"))
                   .when(latency()).expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage(containsString("is RETIRED"));
        }
    }

    @Nested
    @DisplayName("checking in")
    class CheckingIn {

        @Test
        void progressRunsFromBaselineToTargetEitherWay() {
            given().when(checkIn("p99", "1100", "0.7"))
                   .expectEvents(new KeyResultUpdated("reliable-payments", "p99", null, n("1100"), n("0"), n("0.5"),
                                                      n("0.7"), null));
            given().when(checkIn("success", "96", "0.6"))
                   .expectEvents(new KeyResultUpdated("reliable-payments", "success", null, n("96"), n("0"),
                                                      n("0.25"), n("0.6"), null));
        }

        @Test
        void refusesACommentTooLongOrNoValidText() {
            given().when(new UpdateKeyResult("reliable-payments", "p99", n("1100"), n("0.7"), "c".repeat(2001)))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage("comment may be at most 2000 characters (was 2001)");
            given().when(new UpdateKeyResult("reliable-payments", "p99", n("1100"), n("0.7"), "\u0000"))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("comment contains the control character U+0000"));
        }

        @Test
        void carriesThePreviousValueAndProgressAndClampsToZeroAndOne() {
            given(checkIn("p99", "1100", "0.7"))
                    .when(checkIn("p99", "700", "0.9"))
                    .expectEvents(new KeyResultUpdated("reliable-payments", "p99", n("1100"), n("700"), n("0.5"),
                                                       n("1"), n("0.9"), null));
            given(checkIn("p99", "1100", "0.7"))
                    .when(checkIn("p99", "1500", "0.2"))
                    .expectEvents(new KeyResultUpdated("reliable-payments", "p99", n("1100"), n("1500"), n("0.5"),
                                                       n("0"), n("0.2"), null));
        }

        @Test
        void refusesAConfidenceOutsideZeroToOneAndNoValue() {
            given().when(checkIn("p99", "1100", "1.2")).expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("confidence must be 0 to 1"));
            given().when(new UpdateKeyResult("reliable-payments", "p99", null, n("1"), null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("value is required"));
        }

        @Test
        void refusesAnUnknownKeyResultARetiredAndAGradedObjective() {
            given().when(checkIn("refunds", "1", "1")).expectNoEvents().expectException(UnknownReference.class)
                   .expectExceptionMessage(containsString("key result refunds of objective reliable-payments does "
                                                          + "not exist"));
            given(new ReviewObjective("reliable-payments", ReviewOutcome.RETIRE, null, "superseded"))
                    .when(checkIn("p99", "1100", "0.7")).expectNoEvents().expectException(StateConflict.class)
                    .expectExceptionMessage(containsString("is RETIRED"));
            registry.withCycle("2027-s1", CycleStatus.COMMITTED, LocalDate.parse("2027-04-01"));
            given(new GradeObjective("reliable-payments", null, null))
                    .when(checkIn("p99", "1100", "0.7")).expectNoEvents().expectException(StateConflict.class)
                    .expectExceptionMessage(containsString("is GRADED"));
        }
    }

    @Nested
    @DisplayName("reviewing each quarter")
    class Reviewing {

        @Test
        void keepsOrRetiresWithAReasonInTheMetadata() {
            given().when(new ReviewObjective("reliable-payments", ReviewOutcome.KEEP, null, "on track"))
                   .expectEvents(GenericEventMessage.asEventMessage(
                           new ObjectiveReviewed("reliable-payments", ReviewOutcome.KEEP, List.of()))
                                                    .withMetaData(MetaData.with(EventMetadata.REASON, "on track")));
        }

        @Test
        void anAdjustmentCarriesTheFieldsItChanged() {
            registry.withObjective("faster-org", "2027-s1", null);
            given().when(new ReviewObjective("reliable-payments", ReviewOutcome.ADJUST,
                                             new ObjectiveChanges("Payments that just work", null, "faster-org"),
                                             "new strategy"))
                   .expectEvents(new ObjectiveReviewed("reliable-payments", ReviewOutcome.ADJUST, List.of(
                           new FieldChange(ObjectiveField.TITLE, "Reliable payments", "Payments that just work"),
                           new FieldChange(ObjectiveField.PARENT, "trusted-platform", "faster-org"))));
        }

        @Test
        void refusesAnAdjustmentWithoutChangesAndChangesWithoutAdjustment() {
            given().when(new ReviewObjective("reliable-payments", ReviewOutcome.ADJUST, null, "hm"))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("changes at least one of"));
            given().when(new ReviewObjective("reliable-payments", ReviewOutcome.KEEP,
                                             new ObjectiveChanges("x", null, null), "hm"))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("only an ADJUST review changes the objective"));
        }

        @Test
        void refusesNoReasonNoOutcomeAndAReviewOfARetiredObjective() {
            given().when(new ReviewObjective("reliable-payments", ReviewOutcome.KEEP, null, null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("reason is required"));
            given().when(new ReviewObjective("reliable-payments", null, null, "why"))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("outcome is required"));
            given(new ReviewObjective("reliable-payments", ReviewOutcome.RETIRE, null, "superseded"))
                    .when(new ReviewObjective("reliable-payments", ReviewOutcome.KEEP, null, "changed my mind"))
                    .expectNoEvents().expectException(StateConflict.class);
        }

        @Test
        void refusesAParentThatWouldCloseALoop() {
            registry.withObjective("payments-ux", "2027-s1", "checkout-ux")
                    .withObjective("checkout-ux", "2027-s1", "reliable-payments");
            given().when(new ReviewObjective("reliable-payments", ReviewOutcome.ADJUST,
                                             new ObjectiveChanges(null, null, "payments-ux"), "realign"))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("would close a loop: reliable-payments → payments-ux → "
                                                          + "checkout-ux → reliable-payments"));
            given().when(new ReviewObjective("reliable-payments", ReviewOutcome.ADJUST,
                                             new ObjectiveChanges(null, null, "reliable-payments"), "realign"))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("cannot be its own parent"));
        }
    }

    @Nested
    @DisplayName("grading")
    class Grading {

        @BeforeEach
        void committed() {
            registry.withCycle("2027-s1", CycleStatus.COMMITTED, LocalDate.parse("2027-04-01"));
        }

        @Test
        void gradesGivenOrByProgressAndTheirMean() {
            given(checkIn("p99", "1100", "0.7"))
                    .when(new GradeObjective("reliable-payments", Map.of("success", n("0.8")), "end of cycle"))
                    .expectEvents(GenericEventMessage.asEventMessage(new ObjectiveGraded(
                            "reliable-payments", List.of(new KeyResultGrade("p99", n("0.5"), true),
                                                         new KeyResultGrade("success", n("0.8"), false)),
                            n("0.65"))).withMetaData(MetaData.with(EventMetadata.REASON, "end of cycle")));
        }

        @Test
        void onlyOnceAndNotWhilePlanning() {
            given(new GradeObjective("reliable-payments", null, null))
                    .when(new GradeObjective("reliable-payments", null, null))
                    .expectNoEvents().expectException(StateConflict.class)
                    .expectExceptionMessage(containsString("is GRADED"));
            registry.withCycle("2027-s1", CycleStatus.PLANNING, LocalDate.parse("2027-04-01"));
            given().when(new GradeObjective("reliable-payments", null, null))
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage(containsString("is PLANNING; objectives are graded once"));
        }

        @Test
        void refusesGradesOutsideZeroToOneAndUnknownKeyResults() {
            given().when(new GradeObjective("reliable-payments", Map.of("p99", n("1.5")), null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("grades.p99 must be 0 to 1"));
            given().when(new GradeObjective("reliable-payments", Map.of("refunds", n("0.5")), null))
                   .expectNoEvents().expectException(UnknownReference.class);
            fixture.givenCommands(set()).when(new GradeObjective("reliable-payments", null, null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("has no key results to grade"));
        }
    }

    @Nested
    @DisplayName("carrying forward")
    class CarryingForward {

        private CarryForwardObjective carryForward(List<String> keyResultIds) {
            return new CarryForwardObjective("reliable-payments", "2027-s2", "reliable-payments-2", keyResultIds,
                                             "not done yet");
        }

        @Test
        void createsTheSuccessorFromTheLatestValuesAndLinksBothWays() {
            given(checkIn("p99", "1100", "0.7"))
                    .when(carryForward(List.of("p99")))
                    .expectEvents(
                            new ObjectiveCarriedForward("reliable-payments", "2027-s2", "reliable-payments-2",
                                                        List.of("p99")),
                            new ObjectiveSet("reliable-payments-2", "2027-s2", "payments", "Reliable payments", null,
                                             "reliable-payments"),
                            latencyAdded("reliable-payments-2", "1100"));
        }

        @Test
        void onlyToALaterOpenCycleAndOnce() {
            registry.withCycle("2027-s0", CycleStatus.PLANNING, LocalDate.parse("2027-01-01"));
            given().when(new CarryForwardObjective("reliable-payments", "2027-s0", "x", null, "back"))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("not after cycle 2027-s1 of objective reliable-payments"));
            given().when(new CarryForwardObjective("reliable-payments", "2026-s2", "x", null, "back"))
                   .expectNoEvents().expectException(StateConflict.class);
            given(carryForward(null)).when(carryForward(null))
                                     .expectNoEvents().expectException(StateConflict.class)
                                     .expectExceptionMessage(containsString("was carried forward already"));
        }

        @Test
        void refusesAKeyResultThatReachedItsTargetAnUnknownOneAndNoReason() {
            given(checkIn("success", "99.5", "1")).when(carryForward(null))
                                                  .expectNoEvents().expectException(RuleViolated.class)
                                                  .expectExceptionMessage(containsString("key result success reached "
                                                                                         + "its target 99"));
            given().when(carryForward(List.of("refunds"))).expectNoEvents().expectException(UnknownReference.class);
            given().when(new CarryForwardObjective("reliable-payments", "2027-s2", "x", null, " "))
                   .expectNoEvents().expectException(RuleViolated.class);
        }

        @Test
        void refusesASuccessorIdThatExists() {
            given().when(new CarryForwardObjective("reliable-payments", "2027-s2", "trusted-platform", null, "go"))
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage(containsString("objective trusted-platform already exists"));
        }
    }

    @Nested
    @DisplayName("archiving and restoring")
    class Archiving {

        private final ArchiveObjective archive = new ArchiveObjective("reliable-payments", "superseded by the new OKRs");
        private final ReviewObjective retire = new ReviewObjective("reliable-payments", ReviewOutcome.RETIRE, null,
                                                                   "no longer a goal");

        @BeforeEach
        void archivedOnes() {
            registry.withArchivedTeams("legacy")
                    .withArchivedObjective("old-platform", "2027-s1", null);
        }

        @Test
        void archivesARetiredObjectiveWithItsReasonKeepingItsStatus() {
            given(retire).when(archive)
                         .expectEvents(GenericEventMessage.asEventMessage(
                                 new ObjectiveArchived("reliable-payments", "2027-s1", ObjectiveStatus.RETIRED))
                                                          .withMetaData(MetaData.with(EventMetadata.REASON,
                                                                                      "superseded by the new OKRs")));
        }

        @Test
        void archivesAGradedObjective() {
            registry.withCycle("2027-s1", CycleStatus.COMMITTED, LocalDate.parse("2027-04-01"));
            given(new GradeObjective("reliable-payments", null, null))
                    .when(archive)
                    .expectEvents(new ObjectiveArchived("reliable-payments", "2027-s1", ObjectiveStatus.GRADED));
        }

        @Test
        void archivesAnActiveObjectiveOfAClosedOrArchivedCycle() {
            TestExecutor<Objective> active = given();
            registry.withCycle("2027-s1", CycleStatus.CLOSED, LocalDate.parse("2027-04-01"));
            active.when(archive)
                  .expectEvents(new ObjectiveArchived("reliable-payments", "2027-s1", ObjectiveStatus.ACTIVE));
            fixture();
            archivedOnes();
            active = given();
            registry.withArchivedCycle("2027-s1", CycleStatus.PLANNING);
            active.when(archive)
                  .expectEvents(new ObjectiveArchived("reliable-payments", "2027-s1", ObjectiveStatus.ACTIVE));
        }

        /** Objective reliable-payments with its key results, archived once its cycle closed, then the commands. */
        private TestExecutor<Objective> archivedInAClosedCycle(Object... more) {
            TestExecutor<Objective> active = given();
            registry.withCycle("2027-s1", CycleStatus.CLOSED, LocalDate.parse("2027-04-01"));
            active.andGivenCommands(archive);
            return more.length == 0 ? active : active.andGivenCommands(more);
        }

        @Test
        void refusesAnActiveObjectiveOfAnOpenCycle() {
            registry.withCycle("2027-s1", CycleStatus.COMMITTED, LocalDate.parse("2027-04-01"));
            given().when(archive)
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage("objective reliable-payments is ACTIVE in cycle 2027-s1, which is "
                                           + "COMMITTED; only a retired or graded objective, or one of a closed or "
                                           + "archived cycle, can be archived: retire it with a review, or grade it, "
                                           + "first");
        }

        @Test
        void refusesNoReason() {
            given(retire).when(new ArchiveObjective("reliable-payments", null))
                         .expectNoEvents().expectException(RuleViolated.class)
                         .expectExceptionMessage("reason is required");
            given(retire, archive).when(new RestoreObjective("reliable-payments", " "))
                                  .expectNoEvents().expectException(RuleViolated.class)
                                  .expectExceptionMessage("reason is required");
        }

        @Test
        void archivingAgainAndRestoringWhatIsNotArchivedAppendNothing() {
            given(retire, archive).when(new ArchiveObjective("reliable-payments", "again"))
                                  .expectSuccessfulHandlerExecution().expectNoEvents();
            given().when(new RestoreObjective("reliable-payments", "nothing to restore"))
                   .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void refusesEveryWriteButTheRestoreWhileArchived() {
            String refusal = "objective reliable-payments is archived; restore it first";
            List<Object> writes = List.of(new GradeObjective("reliable-payments", null, null),
                                          new CarryForwardObjective("reliable-payments", "2027-s2", "next", null,
                                                                    "go on"),
                                          checkIn("p99", "1100", "0.7"),
                                          new AddKeyResult("reliable-payments", "refunds", "Refunds", "refund time",
                                                           "days", n("5"), n("2"), null, null),
                                          new ReviewObjective("reliable-payments", ReviewOutcome.KEEP, null, "fine"));
            for (Object write : writes) {
                fixture();
                archivedOnes();
                archivedInAClosedCycle().when(write)
                                        .expectNoEvents().expectException(StateConflict.class)
                                        .expectExceptionMessage(refusal);
            }
        }

        @Test
        void aRestoredObjectiveIsAsItWasAndTakesWritesAgain() {
            given(retire, archive).when(new RestoreObjective("reliable-payments", "archived by mistake"))
                                  .expectEvents(GenericEventMessage.asEventMessage(new ObjectiveRestored(
                                          "reliable-payments", "2027-s1", ObjectiveStatus.RETIRED))
                                                                   .withMetaData(MetaData.with(
                                                                           EventMetadata.REASON,
                                                                           "archived by mistake")));
            fixture();
            archivedOnes();
            archivedInAClosedCycle(new RestoreObjective("reliable-payments", "archived by mistake"))
                    .when(new GradeObjective("reliable-payments", null, null))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void nothingIsAlignedUnderAnArchivedObjective() {
            fixture.givenNoPriorActivity()
                   .when(new SetObjective("reliable-payments", "2027-s1", null, "Reliable", "old-platform"))
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage("objective old-platform is archived; nothing is aligned under it "
                                           + "(restore it first)");
            given().when(new ReviewObjective("reliable-payments", ReviewOutcome.ADJUST,
                                             new ObjectiveChanges(null, null, "old-platform"), "realigned"))
                   .expectNoEvents().expectException(StateConflict.class);
        }

        @Test
        void anArchivedTeamGetsNoNewObjectives() {
            String refusal = "team legacy is archived; it takes no new work (restore it first)";
            fixture.givenNoPriorActivity()
                   .when(new SetObjective("legacy-goal", "2027-s1", "legacy", "Legacy goal", null))
                   .expectNoEvents().expectException(StateConflict.class).expectExceptionMessage(refusal);
            given().when(new ReviewObjective("reliable-payments", ReviewOutcome.ADJUST,
                                             new ObjectiveChanges(null, "legacy", null), "handed over"))
                   .expectNoEvents().expectException(StateConflict.class).expectExceptionMessage(refusal);
            TestExecutor<Objective> ofPayments = given();
            registry.withArchivedTeams("payments");
            ofPayments.when(new CarryForwardObjective("reliable-payments", "2027-s2", "next", null, "go on"))
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage("team payments is archived; it takes no new work (restore it first)");
        }
    }
}
