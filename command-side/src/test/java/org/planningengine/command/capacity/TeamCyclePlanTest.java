package org.planningengine.command.capacity;

import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.planningengine.command.ListedRegistry;
import org.planningengine.command.PlanRegistry.InitiativeFacts;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.capacity.CapacityAllocated;
import org.planningengine.events.capacity.GuardrailOverridden;
import org.planningengine.events.capacity.GuardrailOverridden.Cause;
import org.planningengine.events.capacity.TeamCapacitySet;
import org.planningengine.events.capacity.TeamPolicyOverridden;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.CycleStatus;
import org.planningengine.events.cycle.PolicyBucket;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.InitiativeStatus;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import static org.hamcrest.Matchers.containsString;
import static org.planningengine.events.initiative.Category.KTLO;
import static org.planningengine.events.initiative.Category.NEW_INITIATIVE;
import static org.planningengine.events.initiative.Category.TEAM_INITIATIVE;

class TeamCyclePlanTest {

    private static final CapacityPolicy SEVENTY_THIRTY = new CapacityPolicy(
            List.of(new PolicyBucket("new", List.of(NEW_INITIATIVE), 70),
                    new PolicyBucket("run", List.of(KTLO, TEAM_INITIATIVE), 30)), 0);

    private static final CapacityPolicy THIRTY_SEVENTY = new CapacityPolicy(
            List.of(new PolicyBucket("new", List.of(NEW_INITIATIVE), 30),
                    new PolicyBucket("run", List.of(KTLO, TEAM_INITIATIVE), 70)), 0);

    private ListedRegistry registry;
    private AggregateTestFixture<TeamCyclePlan> fixture;

    @BeforeEach
    void fixture() {
        registry = new ListedRegistry().withTeams("payments", "search")
                                       .withCycle("2027-s1", CycleStatus.PLANNING)
                                       .withCycle("2026-s2", CycleStatus.CLOSED);
        initiative("checkout", "payments", "2027-s1", NEW_INITIATIVE, InitiativeStatus.PROPOSED);
        initiative("ledger", "payments", "2027-s1", KTLO, InitiativeStatus.COMMITTED);
        initiative("hiring", "payments", "2027-s1", TEAM_INITIATIVE, InitiativeStatus.IN_PROGRESS);
        fixture = new AggregateTestFixture<>(TeamCyclePlan.class);
        fixture.registerInjectableResource(registry);
    }

    private void initiative(String id, String team, String cycle, Category category, InitiativeStatus status) {
        registry.withInitiative(id, new InitiativeFacts(cycle, team, category, status, Set.of(), false));
    }

    private static BigDecimal pw(String personWeeks) {
        return new BigDecimal(personWeeks);
    }

    private static SetTeamCapacity capacity(String personWeeks) {
        return new SetTeamCapacity("2027-s1", "payments", pw(personWeeks), "headcount plan", null);
    }

    private static AllocateCapacity allocate(String initiativeId, String personWeeks) {
        return new AllocateCapacity("2027-s1", "payments", initiativeId, pw(personWeeks), null, null);
    }

    private static AllocateCapacity allocateOverriding(String initiativeId, String personWeeks, String reason) {
        return new AllocateCapacity("2027-s1", "payments", initiativeId, pw(personWeeks), "big bet", reason);
    }

    private static CapacityAllocated allocated(String initiativeId, Category category, String from, String to) {
        return new CapacityAllocated("2027-s1", "payments", initiativeId, category, pw(from), pw(to));
    }

    /** A plan with 40 person-weeks: under the standard policy a bucket may take 22 (50% + 5 points). */
    private TestExecutor<TeamCyclePlan> forty(Object... more) {
        Object[] commands = new Object[more.length + 1];
        commands[0] = capacity("40");
        System.arraycopy(more, 0, commands, 1, more.length);
        return fixture.givenCommands(commands);
    }

    @Nested
    @DisplayName("setting capacity")
    class SettingCapacity {

        @Test
        void theFirstCapacityStartsThePlanAndCarriesTheReason() {
            fixture.givenNoPriorActivity()
                   .when(capacity("40"))
                   .expectEvents(GenericEventMessage.asEventMessage(
                           new TeamCapacitySet("2027-s1", "payments", BigDecimal.ZERO, pw("40")))
                                                    .withMetaData(MetaData.with(EventMetadata.REASON,
                                                                                "headcount plan")));
        }

        @Test
        void aNewCapacityCarriesTheOldAndTheSameAgainAppendsNothing() {
            forty().when(capacity("62.5"))
                   .expectEvents(new TeamCapacitySet("2027-s1", "payments", pw("40"), pw("62.5")));
            forty().when(capacity("40.00")).expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void refusesValuesOutOfRange() {
            fixture.givenNoPriorActivity().when(capacity("-1")).expectNoEvents()
                   .expectException(RuleViolated.class).expectExceptionMessage(containsString("must be 0 to 100000"));
            fixture.givenNoPriorActivity().when(capacity("100000.01")).expectNoEvents()
                   .expectException(RuleViolated.class);
            fixture.givenNoPriorActivity().when(capacity("1.125")).expectNoEvents()
                   .expectException(RuleViolated.class).expectExceptionMessage(containsString("at most 2 decimals"));
            fixture.givenNoPriorActivity().when(new SetTeamCapacity("2027-s1", "payments", null, null, null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("personWeeks is required"));
        }

        @Test
        void refusesAnUnknownTeam() {
            fixture.givenNoPriorActivity().when(new SetTeamCapacity("2027-s1", "ghosts", pw("1"), null, null))
                   .expectNoEvents().expectException(UnknownReference.class)
                   .expectExceptionMessage(containsString("team ghosts does not exist"));
        }

        @Test
        void refusesAnUnknownCycle() {
            fixture.givenNoPriorActivity().when(new SetTeamCapacity("2030-s1", "payments", pw("1"), null, null))
                   .expectNoEvents().expectException(UnknownReference.class)
                   .expectExceptionMessage(containsString("cycle 2030-s1 does not exist"));
        }

        @Test
        void refusesAClosedCycle() {
            fixture.givenNoPriorActivity().when(new SetTeamCapacity("2026-s2", "payments", pw("1"), null, null))
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage(containsString("cycle 2026-s2 is CLOSED"));
        }

        @Test
        void refusesToGoBelowWhatIsAllocatedSayingHowMuchToRelease() {
            forty(allocate("ledger", "20"), allocate("checkout", "15"))
                    .when(capacity("30"))
                    .expectNoEvents().expectException(RuleViolated.class)
                    .expectExceptionMessage(containsString("has 35 person-weeks allocated in cycle 2027-s1; its "
                                                           + "capacity cannot go below that (was 30): release 5 "
                                                           + "first"));
        }
    }

    @Nested
    @DisplayName("overriding the policy")
    class OverridingThePolicy {

        @Test
        void takesAPolicyOfItsOwnWithAReason() {
            forty().when(new OverrideTeamPolicy("2027-s1", "payments", SEVENTY_THIRTY, "migration semester", null))
                   .expectEvents(GenericEventMessage.asEventMessage(
                           new TeamPolicyOverridden("2027-s1", "payments", null, SEVENTY_THIRTY))
                                                    .withMetaData(MetaData.with(EventMetadata.REASON,
                                                                                "migration semester")));
            forty(new OverrideTeamPolicy("2027-s1", "payments", SEVENTY_THIRTY, "migration semester", null))
                    .when(new OverrideTeamPolicy("2027-s1", "payments", CapacityPolicy.standard(), "back to normal",
                                                 null))
                    .expectEvents(new TeamPolicyOverridden("2027-s1", "payments", SEVENTY_THIRTY,
                                                           CapacityPolicy.standard()));
        }

        @Test
        void refusesNoReasonAndAnInvalidPolicy() {
            forty().when(new OverrideTeamPolicy("2027-s1", "payments", SEVENTY_THIRTY, " ", null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("reason is required"));
            CapacityPolicy ninety = new CapacityPolicy(List.of(new PolicyBucket("new", List.of(NEW_INITIATIVE), 50),
                                                               new PolicyBucket("run", List.of(KTLO, TEAM_INITIATIVE),
                                                                                40)), 5);
            forty().when(new OverrideTeamPolicy("2027-s1", "payments", ninety, "why not", null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("sum to 100%"));
            forty().when(new OverrideTeamPolicy("2027-s1", "payments", null, "why not", null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("policy is required"));
        }
    }

    @Nested
    @DisplayName("allocating")
    class Allocating {

        @Test
        void setsAnInitiativesAllocationAndReplacesItLater() {
            forty().when(allocate("ledger", "20"))
                   .expectEvents(allocated("ledger", KTLO, "0", "20"));
            forty(allocate("ledger", "20"))
                    .when(allocate("ledger", "12.5"))
                    .expectEvents(allocated("ledger", KTLO, "20", "12.5"));
        }

        @Test
        void zeroReleasesItAndTheSameAllocationAgainAppendsNothing() {
            forty(allocate("ledger", "20")).when(allocate("ledger", "0"))
                                           .expectEvents(allocated("ledger", KTLO, "20", "0"));
            forty(allocate("ledger", "20")).when(allocate("ledger", "20.0"))
                                           .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void refusesAnOverrideReasonThatIsNoValidTextEvenWhereNoOverrideIsNeeded() {
            forty().when(allocateOverriding("ledger", "1", "o\u0000"))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("override.reason contains the control character U+0000"));
            forty().when(allocateOverriding("ledger", "1", "o".repeat(2001)))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage("override.reason may be at most 2000 characters (was 2001)");
        }

        @Test
        void neverBeyondCapacitySayingByHowMuch() {
            forty(allocate("ledger", "20"))
                    .when(allocate("checkout", "21"))
                    .expectNoEvents().expectException(RuleViolated.class)
                    .expectExceptionMessage(containsString("team payments has 40 person-weeks in cycle 2027-s1; "
                                                           + "allocating 21 to checkout would take its allocations to "
                                                           + "41, 1 over capacity"));
            fixture.givenCommands(new OverrideTeamPolicy("2027-s1", "payments", SEVENTY_THIRTY, "no capacity yet",
                                                         null))
                   .when(allocate("checkout", "1"))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("has 0 person-weeks"));
        }

        @Test
        void aBucketAboveItsShareAndToleranceNeedsAReason() {
            // new: 50% + 5 points of 40 is 22
            forty().when(allocate("checkout", "22")).expectEvents(allocated("checkout", NEW_INITIATIVE, "0", "22"));
            forty().when(allocate("checkout", "23"))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage("bucket 'new' of team payments would hold 23 of 40 person-weeks "
                                           + "(57.5%), above its limit of 22 person-weeks (its 50% share plus 5 "
                                           + "points of tolerance); to allocate anyway, give override.reason");
            // run: KTLO and team work together
            forty(allocate("ledger", "20"))
                    .when(allocate("hiring", "3"))
                    .expectNoEvents().expectException(RuleViolated.class)
                    .expectExceptionMessage(containsString("bucket 'run'"));
        }

        @Test
        void withAReasonTheAllocationIsMadeAndTheOverrideRecordedApart() {
            forty().when(allocateOverriding("checkout", "23", "launch needs everyone"))
                   .expectEvents(
                           GenericEventMessage.asEventMessage(allocated("checkout", NEW_INITIATIVE, "0", "23"))
                                              .withMetaData(MetaData.with(EventMetadata.REASON, "big bet")),
                           GenericEventMessage.asEventMessage(new GuardrailOverridden(
                                   "2027-s1", "payments", Cause.ALLOCATION, "checkout", "new", 50, 5, pw("57.5")))
                                              .withMetaData(MetaData.with(EventMetadata.REASON,
                                                                          "launch needs everyone")));
        }

        @Test
        void aReasonNotNeededRecordsNoOverride() {
            forty().when(allocateOverriding("checkout", "10", "just in case"))
                   .expectEvents(GenericEventMessage.asEventMessage(allocated("checkout", NEW_INITIATIVE, "0", "10"))
                                                    .withMetaData(MetaData.with(EventMetadata.REASON, "big bet")));
        }

        @Test
        void theTeamsOwnPolicyAppliesInPlaceOfTheCycles() {
            forty(new OverrideTeamPolicy("2027-s1", "payments", SEVENTY_THIRTY, "migration semester", null))
                    .when(allocate("checkout", "28"))
                    .expectEvents(allocated("checkout", NEW_INITIATIVE, "0", "28"));
            forty(new OverrideTeamPolicy("2027-s1", "payments", SEVENTY_THIRTY, "migration semester", null))
                    .when(allocate("ledger", "13"))
                    .expectNoEvents().expectException(RuleViolated.class)
                    .expectExceptionMessage(containsString("(its 30% share plus 0 points"));
        }

        @Test
        void lesserAllocationsInABucketAlreadyAboveItsLimitNeedNoReason() {
            forty(allocate("checkout", "22"),
                  new OverrideTeamPolicy("2027-s1", "payments", THIRTY_SEVENTY, "rebalance", "checkout is signed"))
                    .when(allocate("checkout", "20"))
                    .expectEvents(allocated("checkout", NEW_INITIATIVE, "22", "20"));
        }

        @Test
        void onlyToTheTeamsOwnWorkInThisCycleStillToDo() {
            initiative("search-x", "search", "2027-s1", KTLO, InitiativeStatus.PROPOSED);
            initiative("later", "payments", "2027-s2", KTLO, InitiativeStatus.PROPOSED);
            initiative("dropped", "payments", "2027-s1", KTLO, InitiativeStatus.DROPPED);
            initiative("done", "payments", "2027-s1", KTLO, InitiativeStatus.DONE);
            forty().when(allocate("search-x", "1")).expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("initiative search-x belongs to team search, not payments"));
            forty().when(allocate("later", "1")).expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("initiative later is in cycle 2027-s2, not 2027-s1"));
            forty().when(allocate("dropped", "1")).expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage(containsString("initiative dropped is DROPPED"));
            forty().when(allocate("done", "1")).expectNoEvents().expectException(StateConflict.class);
            forty().when(allocate("nothing", "1")).expectNoEvents().expectException(UnknownReference.class)
                   .expectExceptionMessage(containsString("initiative nothing does not exist"));
        }

        @Test
        void workDroppedSinceItWasAllocatedCanStillBeReleased() {
            TestExecutor<TeamCyclePlan> given = forty(allocate("ledger", "20"));
            initiative("ledger", "payments", "2027-s1", KTLO, InitiativeStatus.DROPPED);
            given.when(allocate("ledger", "0")).expectEvents(allocated("ledger", KTLO, "20", "0"));
        }

        @Test
        void releasingOnATeamWithoutAPlanIsUnknown() {
            fixture.givenNoPriorActivity().when(allocate("ledger", "0"))
                   .expectNoEvents().expectException(UnknownReference.class)
                   .expectExceptionMessage(containsString("team payments has no capacity in cycle 2027-s1 yet"));
        }

        @Test
        void refusesInAClosedCycle() {
            fixture.givenNoPriorActivity()
                   .when(new AllocateCapacity("2026-s2", "payments", "ledger", pw("1"), null, null))
                   .expectNoEvents().expectException(StateConflict.class);
        }
    }

    @Nested
    @DisplayName("releasing because of a decision on the initiative")
    class Releasing {

        private ReleaseAllocation release(String cycleId, String initiativeId) {
            return new ReleaseAllocation(cycleId, "payments", initiativeId, "initiative " + initiativeId
                                                                             + " was dropped: superseded");
        }

        @Test
        void givesBackTheWholeAllocationWithTheDecisionsReason() {
            forty(allocate("ledger", "20"))
                    .when(release("2027-s1", "ledger"))
                    .expectEvents(GenericEventMessage.asEventMessage(allocated("ledger", KTLO, "20", "0"))
                                                     .withMetaData(MetaData.with(EventMetadata.REASON,
                                                                   "initiative ledger was dropped: superseded")));
        }

        @Test
        void appendsNothingWhenTheInitiativeHoldsNothing() {
            forty(allocate("ledger", "20"), allocate("ledger", "0"))
                    .when(release("2027-s1", "ledger")).expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void happensInAClosedCycleWhoseWorkIsStillDroppedOrDeferred() {
            fixture.given(new TeamCapacitySet("2026-s2", "payments", pw("0"), pw("10")),
                          new CapacityAllocated("2026-s2", "payments", "ledger", KTLO, pw("0"), pw("8")))
                   .when(release("2026-s2", "ledger"))
                   .expectEvents(new CapacityAllocated("2026-s2", "payments", "ledger", KTLO, pw("8"), pw("0")));
        }

        @Test
        void isNeverHeldBackByAGuardrailNorByAPolicyChangedSince() {
            fixture.given(new TeamCapacitySet("2027-s1", "payments", pw("0"), pw("10")),
                          new CapacityAllocated("2027-s1", "payments", "ledger", KTLO, pw("0"), pw("9")),
                          new TeamPolicyOverridden("2027-s1", "payments", null, SEVENTY_THIRTY))
                   .when(release("2027-s1", "ledger"))
                   .expectEvents(new CapacityAllocated("2027-s1", "payments", "ledger", KTLO, pw("9"), pw("0")));
        }
    }

    @Nested
    @DisplayName("every path that takes a bucket over its limit")
    class PathsOverTheLimit {

        /** 40 person-weeks, 20 of them to checkout: bucket new at 50%, under its limit of 22. */
        private TestExecutor<TeamCyclePlan> checkoutHoldsTwenty(Object... more) {
            Object[] commands = new Object[more.length + 1];
            commands[0] = allocate("checkout", "20");
            System.arraycopy(more, 0, commands, 1, more.length);
            return forty(commands);
        }

        @Test
        void aLowerCapacityThatTakesABucketOverIsRefusedWithoutAnOverrideReasonNamingTeamBucketLimitAndAmount() {
            // 20 of 36 is 55.6%, above new's limit of 19.8 (55% of 36).
            checkoutHoldsTwenty().when(capacity("36"))
                    .expectNoEvents().expectException(RuleViolated.class)
                    .expectExceptionMessage("bucket 'new' of team payments would hold 20 of 36 person-weeks "
                                            + "(55.5556%), above its limit of 19.8 person-weeks (its 50% share plus "
                                            + "5 points of tolerance); to set the capacity anyway, give "
                                            + "override.reason");
        }

        @Test
        void withAnOverrideReasonTheLowerCapacityIsSetAndTheOverrideRecordedAsCapacityLowered() {
            checkoutHoldsTwenty()
                    .when(new SetTeamCapacity("2027-s1", "payments", pw("36"), "two people left", "keep the launch"))
                    .expectEvents(
                            GenericEventMessage.asEventMessage(
                                    new TeamCapacitySet("2027-s1", "payments", pw("40"), pw("36")))
                                               .withMetaData(MetaData.with(EventMetadata.REASON, "two people left")),
                            GenericEventMessage.asEventMessage(new GuardrailOverridden(
                                    "2027-s1", "payments", Cause.CAPACITY_LOWERED, null, "new", 50, 5,
                                    pw("55.5556")))
                                               .withMetaData(MetaData.with(EventMetadata.REASON,
                                                                           "keep the launch")));
        }

        @Test
        void aCapacityThatKeepsEveryBucketWithinItsLimitOrRaisesItNeedsNoReason() {
            checkoutHoldsTwenty().when(capacity("37"))
                    .expectEvents(new TeamCapacitySet("2027-s1", "payments", pw("40"), pw("37")));
            checkoutHoldsTwenty(new SetTeamCapacity("2027-s1", "payments", pw("36"), null, "keep the launch"))
                    .when(capacity("38"))
                    .expectEvents(new TeamCapacitySet("2027-s1", "payments", pw("36"), pw("38")));
        }

        @Test
        void loweringAgainABucketAlreadyOverNeedsAReasonAgain() {
            checkoutHoldsTwenty(new SetTeamCapacity("2027-s1", "payments", pw("36"), null, "keep the launch"))
                    .when(capacity("35"))
                    .expectNoEvents().expectException(RuleViolated.class)
                    .expectExceptionMessage(containsString("bucket 'new' of team payments would hold 20 of 35"));
        }

        @Test
        void aTeamPolicyThatLowersALimitBelowTheAllocationsIsRefusedWithoutAnOverrideReason() {
            checkoutHoldsTwenty()
                    .when(new OverrideTeamPolicy("2027-s1", "payments", THIRTY_SEVENTY, "rebalance", null))
                    .expectNoEvents().expectException(RuleViolated.class)
                    .expectExceptionMessage("bucket 'new' of team payments would hold 20 of 40 person-weeks (50%), "
                                            + "above its limit of 12 person-weeks (its 30% share plus 0 points of "
                                            + "tolerance); to take this policy anyway, give override.reason");
        }

        @Test
        void withAnOverrideReasonTheTeamPolicyIsTakenAndTheOverrideRecordedAsTeamPolicyChanged() {
            checkoutHoldsTwenty()
                    .when(new OverrideTeamPolicy("2027-s1", "payments", THIRTY_SEVENTY, "rebalance",
                                                 "checkout is signed"))
                    .expectEvents(
                            GenericEventMessage.asEventMessage(new TeamPolicyOverridden(
                                    "2027-s1", "payments", null, THIRTY_SEVENTY))
                                               .withMetaData(MetaData.with(EventMetadata.REASON, "rebalance")),
                            GenericEventMessage.asEventMessage(new GuardrailOverridden(
                                    "2027-s1", "payments", Cause.TEAM_POLICY_CHANGED, null, "new", 30, 0, pw("50")))
                                               .withMetaData(MetaData.with(EventMetadata.REASON,
                                                                           "checkout is signed")));
        }

        @Test
        void aTeamPolicyThatRaisesTheLimitOfABucketAlreadyOverOrKeepsItsLimitNeedsNoReason() {
            checkoutHoldsTwenty(new OverrideTeamPolicy("2027-s1", "payments", THIRTY_SEVENTY, "rebalance", "signed"))
                    .when(new OverrideTeamPolicy("2027-s1", "payments", new CapacityPolicy(List.of(
                            new PolicyBucket("new", List.of(NEW_INITIATIVE), 40),
                            new PolicyBucket("run", List.of(KTLO, TEAM_INITIATIVE), 60)), 0), "less strict", null))
                    .expectSuccessfulHandlerExecution().expectEvents(new TeamPolicyOverridden(
                            "2027-s1", "payments", THIRTY_SEVENTY, new CapacityPolicy(List.of(
                                    new PolicyBucket("new", List.of(NEW_INITIATIVE), 40),
                                    new PolicyBucket("run", List.of(KTLO, TEAM_INITIATIVE), 60)), 0)));
            // Over its 55% limit with an override (20 of 36), then the same limit under other names.
            checkoutHoldsTwenty(new SetTeamCapacity("2027-s1", "payments", pw("36"), null, "keep the launch"))
                    .when(new OverrideTeamPolicy("2027-s1", "payments", new CapacityPolicy(List.of(
                            new PolicyBucket("product", List.of(NEW_INITIATIVE), 50),
                            new PolicyBucket("keep", List.of(TEAM_INITIATIVE, KTLO), 50)), 5), "names", null))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void aTeamPolicyWithABucketOfOtherCategoriesOverItsLimitNeedsAReason() {
            // new and team work together are 28 of 40 (70%), above the 60% of a bucket that did not exist.
            checkoutHoldsTwenty(allocate("hiring", "8"))
                    .when(new OverrideTeamPolicy("2027-s1", "payments", new CapacityPolicy(List.of(
                            new PolicyBucket("build", List.of(NEW_INITIATIVE, TEAM_INITIATIVE), 60),
                            new PolicyBucket("run", List.of(KTLO), 40)), 0), "regroup", null))
                    .expectNoEvents().expectException(RuleViolated.class)
                    .expectExceptionMessage(containsString("bucket 'build' of team payments would hold 28 of 40"));
        }
    }

    @Nested
    @DisplayName("an archived team or initiative")
    class Archived {

        private final String refusal = "team payments is archived; it takes no new work (restore it first)";

        @Test
        void anArchivedTeamGetsNoCapacityNorPolicyNorAllocation() {
            TestExecutor<TeamCyclePlan> given = forty();
            registry.withArchivedTeams("payments");
            given.when(capacity("50")).expectNoEvents().expectException(StateConflict.class)
                 .expectExceptionMessage(refusal);
            fixture.givenNoPriorActivity()
                   .when(new OverrideTeamPolicy("2027-s1", "payments", SEVENTY_THIRTY, "a team of builders", null))
                   .expectNoEvents().expectException(StateConflict.class).expectExceptionMessage(refusal);
            fixture();
            given = forty();
            registry.withArchivedTeams("payments");
            given.when(allocate("checkout", "4")).expectNoEvents().expectException(StateConflict.class)
                 .expectExceptionMessage(refusal);
        }

        @Test
        void anArchivedTeamStillGivesCapacityBack() {
            TestExecutor<TeamCyclePlan> given = forty(allocate("ledger", "20"));
            registry.withArchivedTeams("payments");
            given.when(allocate("ledger", "0")).expectEvents(allocated("ledger", KTLO, "20", "0"));
        }

        @Test
        void anArchivedInitiativeGetsNoCapacityButGivesItBack() {
            TestExecutor<TeamCyclePlan> given = forty(allocate("checkout", "4"));
            registry.withInitiative("checkout", new InitiativeFacts("2027-s1", "payments", NEW_INITIATIVE,
                                                                    InitiativeStatus.PROPOSED, Set.of(), true));
            given.when(allocate("checkout", "6")).expectNoEvents().expectException(StateConflict.class)
                 .expectExceptionMessage("initiative checkout is archived; capacity goes only to work still to do "
                                         + "(releasing it is allowed)");
            fixture();
            given = forty(allocate("checkout", "4"));
            registry.withInitiative("checkout", new InitiativeFacts("2027-s1", "payments", NEW_INITIATIVE,
                                                                    InitiativeStatus.PROPOSED, Set.of(), true));
            given.when(allocate("checkout", "0")).expectEvents(allocated("checkout", NEW_INITIATIVE, "4", "0"));
        }

        @Test
        void anArchivedCycleTakesNoCapacity() {
            registry.withArchivedCycle("2027-s1", CycleStatus.PLANNING);
            fixture.givenNoPriorActivity().when(capacity("40"))
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage("cycle 2027-s1 is archived; it takes no new work (restore it first)");
        }
    }
}
