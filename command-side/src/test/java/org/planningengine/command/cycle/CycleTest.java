package org.planningengine.command.cycle;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.planningengine.command.ListedRegistry;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.StateConflict;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.CapacityPolicyChanged;
import org.planningengine.events.cycle.CycleArchived;
import org.planningengine.events.cycle.CycleClosed;
import org.planningengine.events.cycle.CycleRestored;
import org.planningengine.events.cycle.CycleStarted;
import org.planningengine.events.cycle.CycleStatus;
import org.planningengine.events.cycle.PlanCommitted;
import org.planningengine.events.cycle.PolicyBucket;

import java.time.LocalDate;
import java.util.List;

import static org.hamcrest.Matchers.containsString;
import static org.planningengine.events.initiative.Category.KTLO;
import static org.planningengine.events.initiative.Category.NEW_INITIATIVE;
import static org.planningengine.events.initiative.Category.TEAM_INITIATIVE;

class CycleTest {

    private static final LocalDate APRIL = LocalDate.parse("2027-04-01");
    private static final LocalDate SEPTEMBER = LocalDate.parse("2027-09-30");

    private AggregateTestFixture<Cycle> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Cycle.class);
        fixture.registerInjectableResource(new ListedRegistry().withCycle("2026-s2", CycleStatus.CLOSED));
    }

    private static StartCycle start(CapacityPolicy policy) {
        return new StartCycle("2027-s1", "2027 first semester", APRIL, SEPTEMBER, policy);
    }

    private static CapacityPolicy policy(int tolerance, PolicyBucket... buckets) {
        return new CapacityPolicy(List.of(buckets), tolerance);
    }

    @Nested
    @DisplayName("starting a cycle")
    class Starting {

        @Test
        void withoutAPolicyGetsTheStandardFiftyFifty() {
            fixture.givenNoPriorActivity()
                   .when(start(null))
                   .expectEvents(new CycleStarted("2027-s1", "2027 first semester", APRIL, SEPTEMBER,
                                                  CapacityPolicy.standard()));
        }

        @Test
        void refusesAnIdThatExists() {
            fixture.givenNoPriorActivity()
                   .when(new StartCycle("2026-s2", "Again", APRIL, SEPTEMBER, null))
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage(containsString("cycle 2026-s2 already exists"));
        }

        @Test
        void keepsAValidPolicyOfItsOwn() {
            CapacityPolicy seventyThirty = policy(10, new PolicyBucket("new", List.of(NEW_INITIATIVE), 70),
                                                  new PolicyBucket("run", List.of(KTLO, TEAM_INITIATIVE), 30));
            fixture.givenNoPriorActivity()
                   .when(start(seventyThirty))
                   .expectEvents(new CycleStarted("2027-s1", "2027 first semester", APRIL, SEPTEMBER, seventyThirty));
        }

        @Test
        void refusesAnIdThatIsNotASlug() {
            fixture.givenNoPriorActivity()
                   .when(new StartCycle("2027 S1", "x", APRIL, SEPTEMBER, null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("id must be a slug"));
        }

        @Test
        void refusesABlankName() {
            fixture.givenNoPriorActivity()
                   .when(new StartCycle("2027-s1", "  ", APRIL, SEPTEMBER, null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("name is required"));
        }

        @Test
        void refusesMissingDates() {
            fixture.givenNoPriorActivity()
                   .when(new StartCycle("2027-s1", "x", null, SEPTEMBER, null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("startDate is required"));
        }

        @Test
        void refusesAnEndThatIsNotAfterTheStart() {
            fixture.givenNoPriorActivity()
                   .when(new StartCycle("2027-s1", "x", SEPTEMBER, APRIL, null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("endDate 2027-04-01 must be after startDate 2027-09-30"));
            fixture.givenNoPriorActivity()
                   .when(new StartCycle("2027-s1", "x", APRIL, APRIL, null))
                   .expectNoEvents().expectException(RuleViolated.class);
        }

        @Test
        void refusesDatesOutsideTheYears2000To2100AndACycleLongerThanTwoYears() {
            fixture.givenNoPriorActivity()
                   .when(new StartCycle("2027-s1", "x", LocalDate.parse("1999-12-31"), SEPTEMBER, null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage("startDate must lie in the years 2000 to 2100 (was 1999-12-31)");
            fixture.givenNoPriorActivity()
                   .when(new StartCycle("2027-s1", "x", APRIL, LocalDate.parse("2101-01-01"), null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("endDate must lie in the years 2000 to 2100"));
            fixture.givenNoPriorActivity()
                   .when(new StartCycle("2027-s1", "x", APRIL, LocalDate.parse("2029-04-02"), null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage("a cycle lasts at most 2 years; endDate 2029-04-02 is after 2029-04-01");
        }

        @Test
        void takesTheEdgesOfTheRange() {
            LocalDate first = LocalDate.parse("2000-01-01");
            fixture.givenNoPriorActivity()
                   .when(new StartCycle("2027-s1", "x", first, first.plusYears(2), null))
                   .expectSuccessfulHandlerExecution();
            fixture.givenNoPriorActivity()
                   .when(new StartCycle("2027-s1", "x", LocalDate.parse("2099-01-01"),
                                        LocalDate.parse("2100-12-31"), null))
                   .expectSuccessfulHandlerExecution();
        }

        @Test
        void refusesANameThatIsTooLongOrNoValidText() {
            fixture.givenNoPriorActivity()
                   .when(new StartCycle("2027-s1", "x".repeat(201), APRIL, SEPTEMBER, null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage("name may be at most 200 characters (was 201)");
            fixture.givenNoPriorActivity()
                   .when(new StartCycle("2027-s1", "semester\u0000", APRIL, SEPTEMBER, null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("name contains the control character U+0000"));
        }

        @Test
        void refusesABucketNameThatIsNoValidText() {
            fixture.givenNoPriorActivity()
                   .when(start(policy(5, new PolicyBucket("new\uD800", List.of(NEW_INITIATIVE), 50),
                                      new PolicyBucket("run", List.of(KTLO, TEAM_INITIATIVE), 50))))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("policy.buckets contains a lone surrogate"));
        }

        @Test
        void refusesSharesThatDoNotSumToAHundred() {
            fixture.givenNoPriorActivity()
                   .when(start(policy(5, new PolicyBucket("new", List.of(NEW_INITIATIVE), 60),
                                      new PolicyBucket("run", List.of(KTLO, TEAM_INITIATIVE), 50))))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("sum to 110%"));
        }

        @Test
        void refusesACategoryInTwoBuckets() {
            fixture.givenNoPriorActivity()
                   .when(start(policy(5, new PolicyBucket("new", List.of(NEW_INITIATIVE, KTLO), 50),
                                      new PolicyBucket("run", List.of(KTLO, TEAM_INITIATIVE), 50))))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("KTLO is in both bucket 'new' and bucket 'run'"));
        }

        @Test
        void refusesACategoryInNoBucket() {
            fixture.givenNoPriorActivity()
                   .when(start(policy(5, new PolicyBucket("new", List.of(NEW_INITIATIVE), 50),
                                      new PolicyBucket("run", List.of(KTLO), 50))))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("TEAM_INITIATIVE is in no bucket"));
        }

        @Test
        void refusesAToleranceOutsideZeroToFifty() {
            fixture.givenNoPriorActivity()
                   .when(start(policy(51, CapacityPolicy.standard().buckets().toArray(PolicyBucket[]::new))))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("policy.tolerance must be 0 to 50"));
            fixture.givenNoPriorActivity()
                   .when(start(policy(-1, CapacityPolicy.standard().buckets().toArray(PolicyBucket[]::new))))
                   .expectNoEvents().expectException(RuleViolated.class);
        }

        @Test
        void refusesAPolicyWithoutBucketsOrWithTwinNames() {
            fixture.givenNoPriorActivity()
                   .when(start(policy(5)))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("at least one bucket"));
            fixture.givenNoPriorActivity()
                   .when(start(policy(5, new PolicyBucket("all", List.of(NEW_INITIATIVE), 50),
                                      new PolicyBucket("all", List.of(KTLO, TEAM_INITIATIVE), 50))))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("a name of its own"));
        }

        @Test
        void refusesAShareOutsideZeroToAHundred() {
            fixture.givenNoPriorActivity()
                   .when(start(policy(5, new PolicyBucket("new", List.of(NEW_INITIATIVE), 150),
                                      new PolicyBucket("run", List.of(KTLO, TEAM_INITIATIVE), -50))))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("a share is 0 to 100"));
        }
    }

    @Nested
    @DisplayName("changing the capacity policy")
    class ChangingThePolicy {

        private final CapacityPolicy sixtyForty = policy(10, new PolicyBucket("new", List.of(NEW_INITIATIVE), 60),
                                                         new PolicyBucket("run", List.of(KTLO, TEAM_INITIATIVE), 40));

        @Test
        void changesItWithAReasonCarryingTheOldOne() {
            fixture.givenCommands(start(null))
                   .when(new ChangeCapacityPolicy("2027-s1", sixtyForty, "more product bets this half"))
                   .expectEvents(GenericEventMessage.asEventMessage(
                           new CapacityPolicyChanged("2027-s1", CapacityPolicy.standard(), sixtyForty))
                                                    .withMetaData(MetaData.with(EventMetadata.REASON,
                                                                                "more product bets this half")));
        }

        @Test
        void theSamePolicyAgainAppendsNothing() {
            fixture.givenCommands(start(null), new ChangeCapacityPolicy("2027-s1", sixtyForty, "bets"))
                   .when(new ChangeCapacityPolicy("2027-s1", sixtyForty, "bets again"))
                   .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void refusesNoReasonAnInvalidPolicyAndAClosedCycle() {
            fixture.givenCommands(start(null))
                   .when(new ChangeCapacityPolicy("2027-s1", sixtyForty, null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("reason is required"));
            fixture.givenCommands(start(null))
                   .when(new ChangeCapacityPolicy("2027-s1", policy(51, new PolicyBucket(
                           "all", List.of(NEW_INITIATIVE, KTLO, TEAM_INITIATIVE), 100)), "wide"))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("tolerance must be 0 to 50"));
            fixture.givenCommands(start(null), new CommitPlan("2027-s1", null), new CloseCycle("2027-s1", null))
                   .when(new ChangeCapacityPolicy("2027-s1", sixtyForty, "too late"))
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage(containsString("is CLOSED"));
        }
    }

    @Nested
    @DisplayName("committing the plan")
    class Committing {

        @Test
        void commitsAPlanningCycle() {
            fixture.givenCommands(start(null))
                   .when(new CommitPlan("2027-s1", null))
                   .expectEvents(new PlanCommitted("2027-s1"));
        }

        @Test
        void aReasonGivenTravelsInTheEventsMetadata() {
            fixture.givenCommands(start(null))
                   .when(new CommitPlan("2027-s1", " agreed at the planning offsite "))
                   .expectEvents(GenericEventMessage.asEventMessage(new PlanCommitted("2027-s1"))
                                                    .withMetaData(MetaData.with(EventMetadata.REASON,
                                                                                "agreed at the planning offsite")));
        }

        @Test
        void refusesASecondCommit() {
            fixture.givenCommands(start(null), new CommitPlan("2027-s1", null))
                   .when(new CommitPlan("2027-s1", null))
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage(containsString("is COMMITTED; only a cycle in PLANNING"));
        }

        @Test
        void refusesToCommitAClosedCycle() {
            fixture.givenCommands(start(null), new CommitPlan("2027-s1", null), new CloseCycle("2027-s1", null))
                   .when(new CommitPlan("2027-s1", null))
                   .expectNoEvents().expectException(StateConflict.class);
        }
    }

    @Nested
    @DisplayName("closing the cycle")
    class Closing {

        @Test
        void closesACommittedCycle() {
            fixture.givenCommands(start(null), new CommitPlan("2027-s1", null))
                   .when(new CloseCycle("2027-s1", null))
                   .expectEvents(new CycleClosed("2027-s1"));
        }

        @Test
        void refusesToCloseACycleStillPlanning() {
            fixture.givenCommands(start(null))
                   .when(new CloseCycle("2027-s1", null))
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage(containsString("is PLANNING; only a COMMITTED cycle can be closed"));
        }

        @Test
        void refusesToCloseTwice() {
            fixture.givenCommands(start(null), new CommitPlan("2027-s1", null), new CloseCycle("2027-s1", null))
                   .when(new CloseCycle("2027-s1", null))
                   .expectNoEvents().expectException(StateConflict.class);
        }
    }

    @Nested
    @DisplayName("archiving and restoring")
    class Archiving {

        private final ArchiveCycle archive = new ArchiveCycle("2027-s1", "started by mistake");

        @Test
        void archivesACycleInPlanningWithItsReasonKeepingItsStatus() {
            fixture.givenCommands(start(null))
                   .when(archive)
                   .expectEvents(GenericEventMessage.asEventMessage(new CycleArchived("2027-s1", CycleStatus.PLANNING))
                                                    .withMetaData(MetaData.with(EventMetadata.REASON,
                                                                                "started by mistake")));
        }

        @Test
        void archivesAClosedCycle() {
            fixture.givenCommands(start(null), new CommitPlan("2027-s1", null), new CloseCycle("2027-s1", null))
                   .when(new ArchiveCycle("2027-s1", "a year ago"))
                   .expectEvents(new CycleArchived("2027-s1", CycleStatus.CLOSED));
        }

        @Test
        void refusesACommittedCycleWhosePlanIsLive() {
            fixture.givenCommands(start(null), new CommitPlan("2027-s1", null))
                   .when(archive)
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage("cycle 2027-s1 is COMMITTED; only a cycle in PLANNING or CLOSED can be "
                                           + "archived: close it first");
        }

        @Test
        void refusesNoReason() {
            fixture.givenCommands(start(null))
                   .when(new ArchiveCycle("2027-s1", " "))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage("reason is required");
            fixture.givenCommands(start(null), archive)
                   .when(new RestoreCycle("2027-s1", null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage("reason is required");
        }

        @Test
        void archivingAgainAndRestoringWhatIsNotArchivedAppendNothing() {
            fixture.givenCommands(start(null), archive)
                   .when(new ArchiveCycle("2027-s1", "again"))
                   .expectSuccessfulHandlerExecution().expectNoEvents();
            fixture.givenCommands(start(null))
                   .when(new RestoreCycle("2027-s1", "nothing to restore"))
                   .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void refusesEveryWriteButTheRestoreWhileArchived() {
            fixture.givenCommands(start(null), archive)
                   .when(new CommitPlan("2027-s1", null))
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage("cycle 2027-s1 is archived; restore it first");
            fixture.givenCommands(start(null), archive)
                   .when(new ChangeCapacityPolicy("2027-s1", policy(5, new PolicyBucket(
                           "all", List.of(NEW_INITIATIVE, KTLO, TEAM_INITIATIVE), 100)), "one bucket"))
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage("cycle 2027-s1 is archived; restore it first");
            fixture.givenCommands(start(null), new CommitPlan("2027-s1", null), new CloseCycle("2027-s1", null),
                                  archive)
                   .when(new CloseCycle("2027-s1", null))
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage("cycle 2027-s1 is archived; restore it first");
        }

        @Test
        void aRestoredCycleIsAsItWasAndTakesWritesAgain() {
            fixture.givenCommands(start(null), archive)
                   .when(new RestoreCycle("2027-s1", "we plan it after all"))
                   .expectEvents(GenericEventMessage.asEventMessage(new CycleRestored("2027-s1", CycleStatus.PLANNING))
                                                    .withMetaData(MetaData.with(EventMetadata.REASON,
                                                                                "we plan it after all")));
            fixture.givenCommands(start(null), archive, new RestoreCycle("2027-s1", "we plan it after all"))
                   .when(new CommitPlan("2027-s1", null))
                   .expectEvents(new PlanCommitted("2027-s1"));
        }
    }
}
