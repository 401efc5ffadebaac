package org.planningengine.command.cycle;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.planningengine.command.ListedRegistry;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.StateConflict;
import org.planningengine.command.capacity.CyclePolicyAdoption;
import org.planningengine.command.capacity.TeamCyclePlan;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.capacity.CapacityAllocated;
import org.planningengine.events.capacity.CyclePolicyAdopted;
import org.planningengine.events.capacity.GuardrailOverridden;
import org.planningengine.events.capacity.GuardrailOverridden.Cause;
import org.planningengine.events.capacity.TeamCapacitySet;
import org.planningengine.events.capacity.TeamPolicyOverridden;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.CapacityPolicyChanged;
import org.planningengine.events.cycle.CommitmentRecorded;
import org.planningengine.events.cycle.CycleArchived;
import org.planningengine.events.cycle.CycleClosed;
import org.planningengine.events.cycle.CycleRestored;
import org.planningengine.events.cycle.CycleStarted;
import org.planningengine.events.cycle.CycleStatus;
import org.planningengine.events.cycle.PlanCommitted;
import org.planningengine.events.cycle.PolicyBucket;
import org.planningengine.events.cycle.UnfinishedInitiative;
import org.planningengine.events.initiative.InitiativeStatus;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.planningengine.events.initiative.Category.KTLO;
import static org.planningengine.events.initiative.Category.NEW_INITIATIVE;
import static org.planningengine.events.initiative.Category.TEAM_INITIATIVE;

class CycleTest {

    private static final LocalDate APRIL = LocalDate.parse("2027-04-01");
    private static final LocalDate SEPTEMBER = LocalDate.parse("2027-09-30");

    private ListedRegistry registry;
    private EmbeddedEventStore plans;
    private AggregateTestFixture<Cycle> fixture;

    @BeforeEach
    void fixture() {
        registry = new ListedRegistry().withCycle("2026-s2", CycleStatus.CLOSED);
        plans = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        Repository<TeamCyclePlan> planRepository = EventSourcingRepository
                .builder(TeamCyclePlan.class).eventStore(plans)
                .parameterResolverFactory(MultiParameterResolverFactory.ordered(
                        ClasspathParameterResolverFactory.forClass(TeamCyclePlan.class),
                        new SimpleResourceParameterResolverFactory(Set.of(registry))))
                .build();
        fixture = new AggregateTestFixture<>(Cycle.class);
        fixture.registerInjectableResource(registry);
        fixture.registerInjectableResource(new CyclePolicyAdoption(() -> planRepository));
    }

    /** A team's plan for 2027-s1 with 40 person-weeks, the given ones allocated to a new initiative of its own. */
    private void plan(String teamId, String newPersonWeeks, CapacityPolicy ownPolicy) {
        String plan = AggregateIds.teamPlan("2027-s1", teamId);
        List<Object> events = new ArrayList<>(List.of(
                new TeamCapacitySet("2027-s1", teamId, BigDecimal.ZERO, new BigDecimal("40")),
                new CapacityAllocated("2027-s1", teamId, teamId + "-bet", NEW_INITIATIVE, BigDecimal.ZERO,
                                      new BigDecimal(newPersonWeeks))));
        if (ownPolicy != null) {
            events.add(new TeamPolicyOverridden("2027-s1", teamId, null, ownPolicy));
        }
        for (int sequence = 0; sequence < events.size(); sequence++) {
            plans.publish(new GenericDomainEventMessage<>("TeamCyclePlan", plan, sequence, events.get(sequence)));
        }
    }

    /** The plan's events after the ones {@link #plan} gave it, as "payload (reason)". */
    private List<String> appendedTo(String teamId, int given) {
        return plans.readEvents(AggregateIds.teamPlan("2027-s1", teamId)).asStream().skip(given)
                    .map(event -> event.getPayload() + " (" + event.getMetaData().get(EventMetadata.REASON) + ")")
                    .toList();
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
        private final CapacityPolicy thirtySeventy = policy(0, new PolicyBucket("new", List.of(NEW_INITIATIVE), 30),
                                                            new PolicyBucket("run", List.of(KTLO, TEAM_INITIATIVE),
                                                                             70));

        @Test
        void changesItWithAReasonCarryingTheOldOne() {
            fixture.givenCommands(start(null))
                   .when(new ChangeCapacityPolicy("2027-s1", sixtyForty, "more product bets this half", null))
                   .expectEvents(GenericEventMessage.asEventMessage(
                           new CapacityPolicyChanged("2027-s1", CapacityPolicy.standard(), sixtyForty))
                                                    .withMetaData(MetaData.with(EventMetadata.REASON,
                                                                                "more product bets this half")));
        }

        @Test
        void theSamePolicyAgainAppendsNothing() {
            fixture.givenCommands(start(null), new ChangeCapacityPolicy("2027-s1", sixtyForty, "bets", null))
                   .when(new ChangeCapacityPolicy("2027-s1", sixtyForty, "bets again", null))
                   .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void aPolicyThatTakesTeamsOverTheirLimitsIsRefusedWithoutAnOverrideReasonNamingEveryTeamAndBucket() {
            // 20 and 24 of 40 in new: within the standard 55%, above the 30% + 0 of the new policy.
            plan("payments", "20", null);
            plan("search", "24", null);
            plan("web", "30", CapacityPolicy.standard()); // a policy of its own: not affected
            registry.withPlans("2027-s1", "payments", "search", "web");
            fixture.givenCommands(start(null))
                   .when(new ChangeCapacityPolicy("2027-s1", thirtySeventy, "fewer bets", null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage("bucket 'new' of team payments would hold 20 of 40 person-weeks (50%), "
                                           + "above its limit of 12 person-weeks (its 30% share plus 0 points of "
                                           + "tolerance); bucket 'new' of team search would hold 24 of 40 "
                                           + "person-weeks (60%), above its limit of 12 person-weeks (its 30% share "
                                           + "plus 0 points of tolerance); to change the cycle's policy anyway, give "
                                           + "override.reason (it stands for every team)");
            assertThat(appendedTo("payments", 2)).isEmpty();
            assertThat(appendedTo("search", 2)).isEmpty();
        }

        @Test
        void withAnOverrideReasonEveryFollowingPlanAdoptsItAndRecordsItsOverridesInTheSameCommit() {
            plan("payments", "20", null);
            plan("search", "10", null);
            plan("web", "30", CapacityPolicy.standard());
            registry.withPlans("2027-s1", "payments", "search", "web");
            fixture.givenCommands(start(null))
                   .when(new ChangeCapacityPolicy("2027-s1", thirtySeventy, "fewer bets", "payments is mid-launch"))
                   .expectEvents(GenericEventMessage.asEventMessage(
                           new CapacityPolicyChanged("2027-s1", CapacityPolicy.standard(), thirtySeventy))
                                                    .withMetaData(MetaData.with(EventMetadata.REASON,
                                                                                "fewer bets")));
            assertThat(appendedTo("payments", 2)).containsExactly(
                    new CyclePolicyAdopted("2027-s1", "payments", CapacityPolicy.standard(), thirtySeventy)
                    + " (null)",
                    new GuardrailOverridden("2027-s1", "payments", Cause.CYCLE_POLICY_CHANGED, null, "new", 30, 0,
                                            new BigDecimal("50")) + " (payments is mid-launch)");
            assertThat(appendedTo("search", 2)).containsExactly(
                    new CyclePolicyAdopted("2027-s1", "search", CapacityPolicy.standard(), thirtySeventy)
                    + " (null)");
            assertThat(appendedTo("web", 3)).isEmpty();
        }

        @Test
        void aPolicyThatTakesNoBucketOverNeedsNoOverrideButEveryFollowingPlanAdoptsIt() {
            plan("payments", "20", null);
            registry.withPlans("2027-s1", "payments");
            fixture.givenCommands(start(null))
                   .when(new ChangeCapacityPolicy("2027-s1", sixtyForty, "more bets", null))
                   .expectEvents(new CapacityPolicyChanged("2027-s1", CapacityPolicy.standard(), sixtyForty));
            assertThat(appendedTo("payments", 2)).containsExactly(
                    new CyclePolicyAdopted("2027-s1", "payments", CapacityPolicy.standard(), sixtyForty)
                    + " (null)");
        }

        @Test
        void refusesNoReasonAnInvalidPolicyAndAClosedCycle() {
            fixture.givenCommands(start(null))
                   .when(new ChangeCapacityPolicy("2027-s1", sixtyForty, null, null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("reason is required"));
            fixture.givenCommands(start(null))
                   .when(new ChangeCapacityPolicy("2027-s1", policy(51, new PolicyBucket(
                           "all", List.of(NEW_INITIATIVE, KTLO, TEAM_INITIATIVE), 100)), "wide", null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("tolerance must be 0 to 50"));
            fixture.givenCommands(start(null), new CommitPlan("2027-s1", null), new CloseCycle("2027-s1", null))
                   .when(new ChangeCapacityPolicy("2027-s1", sixtyForty, "too late", null))
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

        private final UnfinishedInitiative checkout = new UnfinishedInitiative(
                "checkout", "Faster checkout", "payments", InitiativeStatus.IN_PROGRESS, new BigDecimal("12.5"));
        private final UnfinishedInitiative ledger = new UnfinishedInitiative(
                "ledger", "New ledger", "payments", InitiativeStatus.COMMITTED, BigDecimal.ZERO);

        @Test
        void closesACommittedCycleWithNothingUnfinishedRecordingNone() {
            fixture.givenCommands(start(null), new CommitPlan("2027-s1", null))
                   .when(new CloseCycle("2027-s1", null))
                   .expectEvents(new CycleClosed("2027-s1", List.of()));
        }

        @Test
        void closingWithUnfinishedWorkNeedsAReasonAndSaysWhatIsLeft() {
            registry.withUnfinished("2027-s1", checkout, ledger);
            fixture.givenCommands(start(null), new CommitPlan("2027-s1", null))
                   .when(new CloseCycle("2027-s1", " "))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage("cycle 2027-s1 would close with 2 initiatives unfinished: checkout "
                                           + "('Faster checkout', team payments, IN_PROGRESS, 12.5 person-weeks "
                                           + "allocated); ledger ('New ledger', team payments, COMMITTED, 0 "
                                           + "person-weeks allocated); to close it leaving them unfinished, give a "
                                           + "reason");
        }

        @Test
        void withAReasonTheCloseRecordsTheUnfinishedWork() {
            registry.withUnfinished("2027-s1", checkout, ledger);
            fixture.givenCommands(start(null), new CommitPlan("2027-s1", null))
                   .when(new CloseCycle("2027-s1", "semester over; both carry on next half"))
                   .expectEvents(GenericEventMessage.asEventMessage(
                           new CycleClosed("2027-s1", List.of(checkout, ledger)))
                                                    .withMetaData(MetaData.with(
                                                            EventMetadata.REASON,
                                                            "semester over; both carry on next half")));
        }

        @Test
        void aClosedCycleTakesNoMoreCommitments() {
            fixture.givenCommands(start(null), new RecordCommitment("2027-s1", "checkout"),
                                  new CommitPlan("2027-s1", null))
                   .when(new RecordCommitment("2027-s1", "ledger"))
                   .expectEvents(new CommitmentRecorded("2027-s1", "ledger"));
            fixture.givenCommands(start(null), new CommitPlan("2027-s1", null), new CloseCycle("2027-s1", null))
                   .when(new RecordCommitment("2027-s1", "ledger"))
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage("cycle 2027-s1 is CLOSED; its plan takes no more commitments");
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
                           "all", List.of(NEW_INITIATIVE, KTLO, TEAM_INITIATIVE), 100)), "one bucket", null))
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
