package org.planningengine.command.initiative;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.planningengine.command.CommandSideConfiguration;
import org.planningengine.command.ListedRegistry;
import org.planningengine.command.PlanRegistry.InitiativeFacts;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.command.capacity.AllocationReleases;
import org.planningengine.command.capacity.CyclePolicyAdoption;
import org.planningengine.command.capacity.TeamCyclePlan;
import org.planningengine.command.cycle.Cycle;
import org.planningengine.command.cycle.CycleCommitments;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.capacity.CapacityAllocated;
import org.planningengine.events.capacity.TeamCapacitySet;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.CommitmentRecorded;
import org.planningengine.events.cycle.CycleClosed;
import org.planningengine.events.cycle.CycleStarted;
import org.planningengine.events.cycle.CycleStatus;
import org.planningengine.events.cycle.PlanCommitted;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.DependencyAdded;
import org.planningengine.events.initiative.InitiativeArchived;
import org.planningengine.events.initiative.InitiativeCommitted;
import org.planningengine.events.initiative.InitiativeCompleted;
import org.planningengine.events.initiative.InitiativeDeferred;
import org.planningengine.events.initiative.InitiativeDropped;
import org.planningengine.events.initiative.InitiativeProposed;
import org.planningengine.events.initiative.InitiativeRestored;
import org.planningengine.events.initiative.InitiativeScored;
import org.planningengine.events.initiative.InitiativeStarted;
import org.planningengine.events.initiative.InitiativeStatus;
import org.planningengine.events.initiative.KeyResultLinked;
import org.planningengine.events.initiative.RiceInputs;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

class InitiativeTest {

    private ListedRegistry registry;
    private EmbeddedEventStore plans;
    private EmbeddedEventStore cycles;
    private AggregateTestFixture<Initiative> fixture;

    @BeforeEach
    void fixture() {
        registry = new ListedRegistry().withTeams("payments")
                                       .withCycle("2027-s1", CycleStatus.PLANNING)
                                       .withCycle("2027-s2", CycleStatus.PLANNING, LocalDate.parse("2027-07-01"))
                                       .withCycle("2026-s2", CycleStatus.CLOSED, LocalDate.parse("2026-07-01"));
        plans = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        Repository<TeamCyclePlan> planRepository = EventSourcingRepository
                .builder(TeamCyclePlan.class).eventStore(plans)
                .parameterResolverFactory(MultiParameterResolverFactory.ordered(
                        ClasspathParameterResolverFactory.forClass(TeamCyclePlan.class),
                        new SimpleResourceParameterResolverFactory(Set.of(registry))))
                .build();
        cycles = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        for (String cycleId : List.of("2027-s1", "2027-s2")) {
            cycles.publish(new GenericDomainEventMessage<>("Cycle", AggregateIds.cycle(cycleId), 0, new CycleStarted(
                    cycleId, cycleId, LocalDate.parse("2027-01-01"), LocalDate.parse("2027-12-31"),
                    CapacityPolicy.standard())));
        }
        Repository<Cycle> cycleRepository = EventSourcingRepository
                .builder(Cycle.class).eventStore(cycles)
                .parameterResolverFactory(MultiParameterResolverFactory.ordered(
                        ClasspathParameterResolverFactory.forClass(Cycle.class),
                        new SimpleResourceParameterResolverFactory(Set.of(
                                registry, new CyclePolicyAdoption(() -> planRepository)))))
                .build();
        fixture = new AggregateTestFixture<>(Initiative.class);
        fixture.registerInjectableResource(registry);
        fixture.registerInjectableResource(new AllocationReleases(() -> planRepository));
        fixture.registerInjectableResource(new CycleCommitments(() -> cycleRepository));
        // The engine's copying of who and why onto every event the command causes, in whichever aggregate.
        fixture.registerCommandHandlerInterceptor(new CorrelationDataInterceptor<>(
                new CommandSideConfiguration().decisionMetadataProvider()));
    }

    /** Team payments's plan for 2027-s1 with 10 person-weeks, 4 of them allocated to checkout. */
    private void checkoutHoldsFourPersonWeeks() {
        String plan = AggregateIds.teamPlan("2027-s1", "payments");
        plans.publish(new GenericDomainEventMessage<>("TeamCyclePlan", plan, 0, new TeamCapacitySet(
                              "2027-s1", "payments", BigDecimal.ZERO, BigDecimal.TEN)),
                      new GenericDomainEventMessage<>("TeamCyclePlan", plan, 1, new CapacityAllocated(
                              "2027-s1", "payments", "checkout", Category.NEW_INITIATIVE, BigDecimal.ZERO,
                              new BigDecimal("4"))));
    }

    /** The plan's events after the first two, as "payload by actor (reason)". */
    private List<String> releasesOfCheckout() {
        return plans.readEvents(AggregateIds.teamPlan("2027-s1", "payments")).asStream().skip(2)
                    .map(event -> event.getPayload() + " by " + event.getMetaData().get(EventMetadata.ACTOR) + " ("
                                  + event.getMetaData().get(EventMetadata.REASON) + ")")
                    .toList();
    }

    private static ProposeInitiative propose() {
        return new ProposeInitiative("checkout", "2027-s1", "payments", "Faster checkout", null,
                                     Category.NEW_INITIATIVE);
    }

    private static ScoreInitiative score(String reach, String impact, String confidence, String effort) {
        return new ScoreInitiative("checkout", decimal(reach), decimal(impact), decimal(confidence), decimal(effort),
                                   "customer interviews");
    }

    private static BigDecimal decimal(String value) {
        return value == null ? null : new BigDecimal(value);
    }

    private static RiceInputs rice(String reach, String impact, String confidence, String effort) {
        return new RiceInputs(decimal(reach), decimal(impact), decimal(confidence), decimal(effort));
    }

    private TestExecutor<Initiative> proposed(Object... more) {
        Object[] commands = new Object[more.length + 1];
        commands[0] = propose();
        System.arraycopy(more, 0, commands, 1, more.length);
        return fixture.givenCommands(commands);
    }

    @Nested
    @DisplayName("proposing")
    class Proposing {

        @Test
        void proposesForAnExistingTeamInAnOpenCycle() {
            fixture.givenNoPriorActivity()
                   .when(propose())
                   .expectEvents(new InitiativeProposed("checkout", "2027-s1", "payments", "Faster checkout", null,
                                                        Category.NEW_INITIATIVE));
        }

        @Test
        void refusesATitleOrDescriptionTooLongOrNoValidText() {
            fixture.givenNoPriorActivity()
                   .when(new ProposeInitiative("checkout", "2027-s1", "payments", "x".repeat(201), null, Category.KTLO))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage("title may be at most 200 characters (was 201)");
            fixture.givenNoPriorActivity()
                   .when(new ProposeInitiative("checkout", "2027-s1", "payments", "x", "d".repeat(10_001),
                                               Category.KTLO))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage("description may be at most 10000 characters (was 10001)");
            fixture.givenNoPriorActivity()
                   .when(new ProposeInitiative("checkout", "2027-s1", "payments", "half \uD83D", null, Category.KTLO))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("title contains a lone surrogate (U+D83D)"));
            fixture.givenNoPriorActivity()
                   .when(new ProposeInitiative("checkout", "2027-s1", "payments", "x", "a\u0000b", Category.KTLO))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("description contains the control character U+0000"));
        }

        @Test
        void refusesAnIdThatExists() {
            registry.withInitiative("checkout");
            fixture.givenNoPriorActivity()
                   .when(propose())
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage(containsString("initiative checkout already exists"));
        }

        @Test
        void refusesAClosedCycle() {
            fixture.givenNoPriorActivity()
                   .when(new ProposeInitiative("checkout", "2026-s2", "payments", "x", null, Category.KTLO))
                   .expectNoEvents().expectException(StateConflict.class)
                   .expectExceptionMessage(containsString("cycle 2026-s2 is CLOSED"));
        }

        @Test
        void refusesAnUnknownCycleOrTeam() {
            fixture.givenNoPriorActivity()
                   .when(new ProposeInitiative("checkout", "2030-s1", "payments", "x", null, Category.KTLO))
                   .expectNoEvents().expectException(UnknownReference.class)
                   .expectExceptionMessage(containsString("cycle 2030-s1 does not exist"));
            fixture.givenNoPriorActivity()
                   .when(new ProposeInitiative("checkout", "2027-s1", "ghosts", "x", null, Category.KTLO))
                   .expectNoEvents().expectException(UnknownReference.class)
                   .expectExceptionMessage(containsString("team ghosts does not exist"));
        }

        @Test
        void refusesABlankTitleAMissingCategoryAndABadId() {
            fixture.givenNoPriorActivity()
                   .when(new ProposeInitiative("checkout", "2027-s1", "payments", " ", null, Category.KTLO))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("title is required"));
            fixture.givenNoPriorActivity()
                   .when(new ProposeInitiative("checkout", "2027-s1", "payments", "x", null, null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("category is required"));
            fixture.givenNoPriorActivity()
                   .when(new ProposeInitiative("Check Out", "2027-s1", "payments", "x", null, Category.KTLO))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage(containsString("id must be a slug"));
        }
    }

    @Nested
    @DisplayName("scoring with RICE")
    class Scoring {

        @Test
        void theFirstScoreHasNothingBeforeItAndCarriesTheReason() {
            RiceInputs inputs = rice("500", "2", "0.8", "4");
            proposed()
                    .when(score("500", "2", "0.8", "4"))
                    .expectEvents(GenericEventMessage.asEventMessage(
                                          new InitiativeScored("checkout", "2027-s1", null, null, inputs, inputs.score()))
                                                     .withMetaData(MetaData.with(EventMetadata.REASON,
                                                                                 "customer interviews")));
        }

        @Test
        void aRescoreCarriesThePreviousInputsAndScore() {
            RiceInputs before = rice("500", "2", "0.8", "4");
            RiceInputs after = rice("1000", "3", "1", "2");
            proposed(score("500", "2", "0.8", "4"))
                    .when(score("1000", "3", "1", "2"))
                    .expectEvents(new InitiativeScored("checkout", "2027-s1", before, before.score(), after, after.score()));
        }

        @Test
        void theSameInputsAgainChangeNothingButAreCheckedAllTheSame() {
            proposed(score("500", "2", "0.8", "4"))
                    .when(score("500.0", "2.00", "0.80", "4"))
                    .expectSuccessfulHandlerExecution().expectNoEvents();
            fixture();
            proposed(score("500", "2", "0.8", "4"))
                    .when(new ScoreInitiative("checkout", decimal("500"), decimal("2"), decimal("0.8"), decimal("4"),
                                              " "))
                    .expectNoEvents().expectException(RuleViolated.class)
                    .expectExceptionMessage(containsString("reason is required"));
            fixture();
            proposed(score("500", "2", "0.8", "4"), new DropInitiative("checkout", "gone"))
                    .when(score("500", "2", "0.8", "4"))
                    .expectNoEvents().expectException(StateConflict.class);
            fixture();
            proposed(score("500", "2", "0.8", "4"))
                    .when(score("500", "2", "0.8", "4.000001"))
                    .expectEvents(new InitiativeScored("checkout", "2027-s1", rice("500", "2", "0.8", "4"),
                                                       rice("500", "2", "0.8", "4").score(),
                                                       rice("500", "2", "0.8", "4.000001"),
                                                       rice("500", "2", "0.8", "4.000001").score()));
        }

        @Test
        void refusesInputsOutOfRange() {
            proposed().when(score("-1", "2", "0.8", "4")).expectNoEvents().expectException(RuleViolated.class)
                      .expectExceptionMessage(containsString("reach must be 0 or more"));
            proposed().when(score("10", "1.5", "0.8", "4")).expectNoEvents().expectException(RuleViolated.class)
                      .expectExceptionMessage(containsString("impact must be one of 0.25, 0.5, 1, 2, 3"));
            proposed().when(score("10", "1", "0", "4")).expectNoEvents().expectException(RuleViolated.class)
                      .expectExceptionMessage(containsString("confidence must be more than 0 and at most 1"));
            proposed().when(score("10", "1", "1.01", "4")).expectNoEvents().expectException(RuleViolated.class);
            proposed().when(score("10", "1", "1", "0")).expectNoEvents().expectException(RuleViolated.class)
                      .expectExceptionMessage(containsString("effort must be more than 0 person-weeks"));
            proposed().when(score("10", null, "1", "2")).expectNoEvents().expectException(RuleViolated.class)
                      .expectExceptionMessage(containsString("impact is required"));
        }

        @Test
        void reachCountsSoItIsAWholeNumber() {
            proposed().when(score("2000.5", "1", "1", "1")).expectNoEvents().expectException(RuleViolated.class)
                      .expectExceptionMessage("reach counts people or events: a whole number (was 2000.5)");
            RiceInputs whole = rice("2000.0", "1", "1", "1");
            proposed().when(score("2000.0", "1", "1", "1"))
                      .expectEvents(new InitiativeScored("checkout", "2027-s1", null, null, whole, whole.score()));
        }

        @Test
        void refusesAReasonTooLongOrNoValidText() {
            proposed().when(new ScoreInitiative("checkout", decimal("1"), decimal("1"), decimal("1"), decimal("1"),
                                                "x".repeat(2001)))
                      .expectNoEvents().expectException(RuleViolated.class)
                      .expectExceptionMessage("reason may be at most 2000 characters (was 2001)");
            // A reason a command does not require is checked all the same when it is given.
            proposed().when(new CommitInitiative("checkout", "because\u001b[31m"))
                      .expectNoEvents().expectException(RuleViolated.class)
                      .expectExceptionMessage(containsString("reason contains the control character U+001B"));
        }

        @Test
        void refusesInputsBeyondAnyPlausibleScale() {
            proposed().when(score("1000000000001", "1", "1", "1")).expectNoEvents()
                      .expectException(RuleViolated.class).expectExceptionMessage(containsString("at most 1000000000000"));
            proposed().when(score("10", "1", "1", "100001")).expectNoEvents()
                      .expectException(RuleViolated.class).expectExceptionMessage(containsString("at most 100000"));
            proposed().when(score("10", "1", "1", "1E-999999999")).expectNoEvents()
                      .expectException(RuleViolated.class)
                      .expectExceptionMessage(containsString("effort may have at most 6 decimals"));
            proposed().when(score("10", "1", "0.3333333", "1")).expectNoEvents()
                      .expectException(RuleViolated.class)
                      .expectExceptionMessage(containsString("confidence may have at most 6 decimals"));
        }

        @Test
        void takesTrailingZerosAndTheLargestInputsAsTheyAre() {
            RiceInputs largest = rice("1000000000000", "3", "0.999999", "100000.000000");
            proposed().when(score("1000000000000", "3", "0.999999", "100000.000000"))
                      .expectEvents(new InitiativeScored("checkout", "2027-s1", null, null, largest, largest.score()));
        }

        @Test
        void acceptsTheEdgesOfTheRanges() {
            RiceInputs edges = rice("0", "0.25", "1", "0.5");
            proposed().when(score("0", "0.25", "1", "0.5"))
                      .expectEvents(new InitiativeScored("checkout", "2027-s1", null, null, edges, edges.score()));
        }

        @Test
        void refusesAScoreWithoutAReason() {
            proposed().when(new ScoreInitiative("checkout", BigDecimal.TEN, BigDecimal.ONE, BigDecimal.ONE,
                                                BigDecimal.ONE, ""))
                      .expectNoEvents().expectException(RuleViolated.class)
                      .expectExceptionMessage(containsString("reason is required"));
        }

        @Test
        void refusesScoringInAClosedCycleOrADroppedInitiative() {
            TestExecutor<Initiative> given = proposed();
            registry.withCycle("2027-s1", CycleStatus.CLOSED);
            given.when(score("10", "1", "1", "1")).expectNoEvents().expectException(StateConflict.class)
                 .expectExceptionMessage(containsString("cycle 2027-s1 is CLOSED"));

            fixture();
            proposed(new DropInitiative("checkout", "no longer needed"))
                    .when(score("10", "1", "1", "1")).expectNoEvents().expectException(StateConflict.class)
                    .expectExceptionMessage(containsString("is DROPPED"));
        }
    }

    @Nested
    @DisplayName("its lifecycle")
    class Lifecycle {

        @Test
        void goesFromProposedThroughCommittedAndInProgressToDone() {
            proposed().when(new CommitInitiative("checkout", null))
                      .expectEvents(new InitiativeCommitted("checkout", "2027-s1"));
            fixture();
            proposed(new CommitInitiative("checkout", null)).when(new StartInitiative("checkout", null))
                                                            .expectEvents(new InitiativeStarted("checkout", "2027-s1"));
            fixture();
            proposed(new CommitInitiative("checkout", null), new StartInitiative("checkout", null))
                    .when(new CompleteInitiative("checkout", "shipped"))
                    .expectEvents(new InitiativeCompleted("checkout", "2027-s1"));
        }

        @Test
        void aCommitmentIsRecordedOnItsCycleInTheSameCommit() {
            proposed().when(new CommitInitiative("checkout", "agreed"))
                      .expectEvents(new InitiativeCommitted("checkout", "2027-s1"));
            assertThat(cycles.readEvents(AggregateIds.cycle("2027-s1")).asStream().skip(1)
                             .map(event -> (Object) event.getPayload()))
                    .containsExactly(new CommitmentRecorded("2027-s1", "checkout"));
        }

        @Test
        void aCommitmentRacingTheCloseIsRefusedByTheClosedCycleAndAppendsNothing() {
            // The registry read the cycle open; the cycle's own stream, which the close appended to, decides.
            cycles.publish(new GenericDomainEventMessage<>("Cycle", AggregateIds.cycle("2027-s1"), 1,
                                                           new PlanCommitted("2027-s1")),
                           new GenericDomainEventMessage<>("Cycle", AggregateIds.cycle("2027-s1"), 2,
                                                           new CycleClosed("2027-s1", List.of())));
            proposed().when(new CommitInitiative("checkout", null))
                      .expectNoEvents().expectException(StateConflict.class)
                      .expectExceptionMessage("cycle 2027-s1 is CLOSED; its plan takes no more commitments");
            assertThat(cycles.readEvents(AggregateIds.cycle("2027-s1")).asStream()).hasSize(3);
        }

        @Test
        void refusesStepsOutOfOrder() {
            proposed().when(new StartInitiative("checkout", null))
                      .expectNoEvents().expectException(StateConflict.class)
                      .expectExceptionMessage(containsString("is PROPOSED; only an initiative that is [COMMITTED]"));
            fixture();
            proposed(new CommitInitiative("checkout", null)).when(new CompleteInitiative("checkout", null))
                                                            .expectNoEvents().expectException(StateConflict.class);
            fixture();
            proposed(new CommitInitiative("checkout", null)).when(new CommitInitiative("checkout", null))
                                                            .expectNoEvents().expectException(StateConflict.class);
        }

        @Test
        void refusesToCommitADroppedInitiative() {
            proposed(new DropInitiative("checkout", "superseded"))
                    .when(new CommitInitiative("checkout", null))
                    .expectNoEvents().expectException(StateConflict.class)
                    .expectExceptionMessage(containsString("is DROPPED"));
        }

        @Test
        void aDropRecordsWhatItWasDroppedFromAndNeedsAReason() {
            proposed(new CommitInitiative("checkout", null))
                    .when(new DropInitiative("checkout", "superseded"))
                    .expectEvents(new InitiativeDropped("checkout", "2027-s1", InitiativeStatus.COMMITTED));
            fixture();
            proposed().when(new DropInitiative("checkout", null))
                      .expectNoEvents().expectException(RuleViolated.class)
                      .expectExceptionMessage(containsString("reason is required"));
        }

        @Test
        void aDropReleasesTheAllocationFirstInTheSameUnitOfWorkAsTheSameActor() {
            TestExecutor<Initiative> committed = proposed(new CommitInitiative("checkout", null));
            checkoutHoldsFourPersonWeeks();
            committed.when(new DropInitiative("checkout", "superseded"), MetaData.with(EventMetadata.ACTOR, "kim"))
                     .expectEvents(new InitiativeDropped("checkout", "2027-s1", InitiativeStatus.COMMITTED));
            assertThat(releasesOfCheckout()).containsExactly(
                    new CapacityAllocated("2027-s1", "payments", "checkout", Category.NEW_INITIATIVE,
                                          new BigDecimal("4"), BigDecimal.ZERO)
                    + " by kim (initiative checkout was dropped: superseded)");
        }

        @Test
        void aRefusedDropReleasesNothing() {
            TestExecutor<Initiative> done = proposed(new CommitInitiative("checkout", null),
                                                     new StartInitiative("checkout", null),
                                                     new CompleteInitiative("checkout", null));
            checkoutHoldsFourPersonWeeks();
            done.when(new DropInitiative("checkout", "too late")).expectNoEvents()
                .expectException(StateConflict.class);
            assertThat(releasesOfCheckout()).isEmpty();
        }

        @Test
        void refusesToDropWhatIsDone() {
            proposed(new CommitInitiative("checkout", null), new StartInitiative("checkout", null),
                     new CompleteInitiative("checkout", null))
                    .when(new DropInitiative("checkout", "too late"))
                    .expectNoEvents().expectException(StateConflict.class);
        }
    }

    @Nested
    @DisplayName("deferring to another cycle")
    class Deferring {

        @Test
        void movesToAnOpenCycleAndIsProposedThereAgain() {
            proposed(new CommitInitiative("checkout", null))
                    .when(new DeferInitiative("checkout", "2027-s2", "capacity went to incidents"))
                    .expectEvents(new InitiativeDeferred("checkout", "2027-s1", "2027-s2", InitiativeStatus.COMMITTED));
            fixture();
            proposed(new DeferInitiative("checkout", "2027-s2", "later"))
                    .when(new CommitInitiative("checkout", null))
                    .expectEvents(new InitiativeCommitted("checkout", "2027-s2"));
        }

        @Test
        void refusesTheSameCycleAnUnknownOneAClosedOneOrNoReason() {
            proposed().when(new DeferInitiative("checkout", "2027-s1", "why not"))
                      .expectNoEvents().expectException(RuleViolated.class)
                      .expectExceptionMessage(containsString("already in cycle 2027-s1"));
            proposed().when(new DeferInitiative("checkout", "2030-s1", "why not"))
                      .expectNoEvents().expectException(UnknownReference.class);
            proposed().when(new DeferInitiative("checkout", "2026-s2", "why not"))
                      .expectNoEvents().expectException(StateConflict.class);
            proposed().when(new DeferInitiative("checkout", "2027-s2", " "))
                      .expectNoEvents().expectException(RuleViolated.class);
        }

        @Test
        void theCycleItLeavesGetsTheAllocationBack() {
            TestExecutor<Initiative> committed = proposed(new CommitInitiative("checkout", null));
            checkoutHoldsFourPersonWeeks();
            committed.when(new DeferInitiative("checkout", "2027-s2", "incidents"),
                           MetaData.with(EventMetadata.ACTOR, "kim"))
                     .expectEvents(new InitiativeDeferred("checkout", "2027-s1", "2027-s2",
                                                          InitiativeStatus.COMMITTED));
            assertThat(releasesOfCheckout()).containsExactly(
                    new CapacityAllocated("2027-s1", "payments", "checkout", Category.NEW_INITIATIVE,
                                          new BigDecimal("4"), BigDecimal.ZERO)
                    + " by kim (initiative checkout was deferred to cycle 2027-s2: incidents)");
        }

        @Test
        void refusesACycleThatStartsBeforeOrWithItsOwn() {
            registry.withCycle("2026-s1", CycleStatus.PLANNING, LocalDate.parse("2026-01-01"))
                    .withCycle("2027-q1", CycleStatus.PLANNING, LocalDate.parse("2027-01-01"));
            proposed().when(new DeferInitiative("checkout", "2026-s1", "back in time"))
                      .expectNoEvents().expectException(RuleViolated.class)
                      .expectExceptionMessage(containsString("cycle 2026-s1 starts on 2026-01-01, not after cycle "
                                                             + "2027-s1 of initiative checkout (which starts on "
                                                             + "2027-01-01)"));
            proposed().when(new DeferInitiative("checkout", "2027-q1", "same start"))
                      .expectNoEvents().expectException(RuleViolated.class)
                      .expectExceptionMessage(containsString("cycle 2027-q1 starts on 2027-01-01"));
        }
    }

    @Nested
    @DisplayName("depending on other initiatives")
    class Depending {

        @Test
        void dependsOnAnExistingInitiativeOnce() {
            registry.withInitiative("ledger");
            proposed().when(new AddDependency("checkout", "ledger"))
                      .expectEvents(new DependencyAdded("checkout", "ledger"));
            fixture();
            registry.withInitiative("ledger");
            proposed(new AddDependency("checkout", "ledger")).when(new AddDependency("checkout", "ledger"))
                                                             .expectNoEvents();
        }

        @Test
        void refusesItselfAndAnUnknownInitiative() {
            proposed().when(new AddDependency("checkout", "checkout"))
                      .expectNoEvents().expectException(RuleViolated.class)
                      .expectExceptionMessage(containsString("cannot depend on itself"));
            proposed().when(new AddDependency("checkout", "nowhere"))
                      .expectNoEvents().expectException(UnknownReference.class)
                      .expectExceptionMessage(containsString("initiative nowhere does not exist"));
        }

        @Test
        void refusesADependencyThatClosesALoop() {
            registry.withInitiative("ledger", "fraud-rules").withInitiative("fraud-rules", "checkout");
            proposed().when(new AddDependency("checkout", "ledger"))
                      .expectNoEvents().expectException(RuleViolated.class)
                      .expectExceptionMessage(containsString(
                              "would close a loop: checkout → ledger → fraud-rules → checkout"));
        }

        @Test
        void allowsADiamondThatIsNoLoop() {
            registry.withInitiative("ledger", "accounts").withInitiative("fraud-rules", "accounts")
                    .withInitiative("accounts");
            proposed(new AddDependency("checkout", "fraud-rules"))
                    .when(new AddDependency("checkout", "ledger"))
                    .expectEvents(new DependencyAdded("checkout", "ledger"));
        }
    }

    @Nested
    @DisplayName("linking key results")
    class Linking {

        @BeforeEach
        void anObjectiveWithAKeyResult() {
            registry.withObjective("happy-buyers", "2027-s1", null, "checkout-p99");
        }

        @Test
        void linksOnceAndIgnoresTheSameLinkAgain() {
            proposed().when(new LinkKeyResult("checkout", "happy-buyers", "checkout-p99"))
                      .expectEvents(new KeyResultLinked("checkout", "happy-buyers", "checkout-p99"));
            fixture();
            anObjectiveWithAKeyResult();
            proposed(new LinkKeyResult("checkout", "happy-buyers", "checkout-p99"))
                    .when(new LinkKeyResult("checkout", "happy-buyers", "checkout-p99"))
                    .expectNoEvents();
        }

        @Test
        void refusesIdsThatAreNotSlugs() {
            proposed().when(new LinkKeyResult("checkout", "Happy Buyers", "checkout-p99"))
                      .expectNoEvents().expectException(RuleViolated.class);
        }

        @Test
        void refusesAnUnknownObjectiveOrKeyResult() {
            proposed().when(new LinkKeyResult("checkout", "sad-buyers", "checkout-p99"))
                      .expectNoEvents().expectException(UnknownReference.class)
                      .expectExceptionMessage(containsString("objective sad-buyers does not exist"));
            proposed().when(new LinkKeyResult("checkout", "happy-buyers", "refund-time"))
                      .expectNoEvents().expectException(UnknownReference.class)
                      .expectExceptionMessage(containsString("key result refund-time of objective happy-buyers "
                                                             + "does not exist"));
        }
    }

    @Nested
    @DisplayName("archiving and restoring")
    class Archiving {

        private final ArchiveInitiative archive = new ArchiveInitiative("checkout", "an idea nobody took up");
        private final RestoreInitiative restore = new RestoreInitiative("checkout", "archived by mistake");

        @Test
        void archivesAProposalWithItsReasonKeepingItsStatus() {
            proposed().when(archive)
                      .expectEvents(GenericEventMessage.asEventMessage(
                              new InitiativeArchived("checkout", "2027-s1", InitiativeStatus.PROPOSED))
                                                       .withMetaData(MetaData.with(EventMetadata.REASON,
                                                                                   "an idea nobody took up")));
        }

        @Test
        void aProposalGivesItsAllocationBackFirstInTheSameUnitOfWorkAsTheSameActor() {
            TestExecutor<Initiative> proposal = proposed();
            checkoutHoldsFourPersonWeeks();
            proposal.when(archive, MetaData.with(EventMetadata.ACTOR, "kim"))
                    .expectEvents(new InitiativeArchived("checkout", "2027-s1", InitiativeStatus.PROPOSED));
            assertThat(releasesOfCheckout()).containsExactly(
                    new CapacityAllocated("2027-s1", "payments", "checkout", Category.NEW_INITIATIVE,
                                          new BigDecimal("4"), BigDecimal.ZERO)
                    + " by kim (initiative checkout was archived: an idea nobody took up)");
        }

        @Test
        void archivesDoneWorkKeepingWhatItSpentAndDroppedWork() {
            TestExecutor<Initiative> done = proposed(new CommitInitiative("checkout", null),
                                                     new StartInitiative("checkout", null),
                                                     new CompleteInitiative("checkout", null));
            checkoutHoldsFourPersonWeeks();
            done.when(archive).expectEvents(new InitiativeArchived("checkout", "2027-s1", InitiativeStatus.DONE));
            assertThat(releasesOfCheckout()).isEmpty();
            fixture();
            proposed(new DropInitiative("checkout", "superseded"))
                    .when(archive)
                    .expectEvents(new InitiativeArchived("checkout", "2027-s1", InitiativeStatus.DROPPED));
        }

        @Test
        void refusesWorkThatIsInThePlan() {
            proposed(new CommitInitiative("checkout", null))
                    .when(archive)
                    .expectNoEvents().expectException(StateConflict.class)
                    .expectExceptionMessage("initiative checkout is COMMITTED; only an initiative that is [PROPOSED, "
                                            + "DONE, DROPPED] can be archived: drop or complete it first");
            fixture();
            proposed(new CommitInitiative("checkout", null), new StartInitiative("checkout", null))
                    .when(archive)
                    .expectNoEvents().expectException(StateConflict.class)
                    .expectExceptionMessage(containsString("is IN_PROGRESS"));
        }

        @Test
        void refusesNoReason() {
            proposed().when(new ArchiveInitiative("checkout", null))
                      .expectNoEvents().expectException(RuleViolated.class)
                      .expectExceptionMessage("reason is required");
            proposed(archive).when(new RestoreInitiative("checkout", " "))
                             .expectNoEvents().expectException(RuleViolated.class)
                             .expectExceptionMessage("reason is required");
        }

        @Test
        void archivingAgainAndRestoringWhatIsNotArchivedAppendNothing() {
            proposed(archive).when(new ArchiveInitiative("checkout", "again"))
                             .expectSuccessfulHandlerExecution().expectNoEvents();
            proposed().when(restore).expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void refusesEveryWriteButTheRestoreWhileArchived() {
            String refusal = "initiative checkout is archived; restore it first";
            for (Object write : List.of(score("1000", "1", "0.8", "4"), new CommitInitiative("checkout", null),
                                        new StartInitiative("checkout", null), new DropInitiative("checkout", "gone"),
                                        new DeferInitiative("checkout", "2027-s2", "later"),
                                        new AddDependency("checkout", "ledger"),
                                        new LinkKeyResult("checkout", "happy-buyers", "checkout-p99"))) {
                fixture();
                registry.withInitiative("ledger").withObjective("happy-buyers", "2027-s1", null, "checkout-p99");
                proposed(archive).when(write)
                                 .expectNoEvents().expectException(StateConflict.class)
                                 .expectExceptionMessage(refusal);
            }
        }

        @Test
        void aRestoredInitiativeIsAsItWasAndTakesWritesAgain() {
            proposed(archive).when(restore)
                             .expectEvents(GenericEventMessage.asEventMessage(
                                     new InitiativeRestored("checkout", "2027-s1", InitiativeStatus.PROPOSED))
                                                              .withMetaData(MetaData.with(EventMetadata.REASON,
                                                                                          "archived by mistake")));
            fixture();
            proposed(archive, restore).when(new CommitInitiative("checkout", null))
                                      .expectEvents(new InitiativeCommitted("checkout", "2027-s1"));
        }

        @Test
        void nothingDependsOnAnArchivedInitiative() {
            registry.withInitiative("ledger", new InitiativeFacts("2027-s1", "payments", Category.KTLO,
                                                                  InitiativeStatus.DONE, Set.of(), true));
            proposed().when(new AddDependency("checkout", "ledger"))
                      .expectNoEvents().expectException(StateConflict.class)
                      .expectExceptionMessage("initiative ledger is archived; nothing can depend on it (restore it "
                                              + "first)");
        }

        @Test
        void linksNoKeyResultOfAnArchivedObjective() {
            registry.withArchivedObjective("happy-buyers", "2027-s1", null, "checkout-p99");
            proposed().when(new LinkKeyResult("checkout", "happy-buyers", "checkout-p99"))
                      .expectNoEvents().expectException(StateConflict.class)
                      .expectExceptionMessage("objective happy-buyers is archived; restore it first");
        }

        @Test
        void anArchivedTeamTakesNoNewWorkButFinishesWhatItHas() {
            String refusal = "team payments is archived; it takes no new work (restore it first)";
            registry.withArchivedTeams("payments");
            fixture.givenNoPriorActivity().when(propose())
                   .expectNoEvents().expectException(StateConflict.class).expectExceptionMessage(refusal);
            fixture();
            TestExecutor<Initiative> proposal = proposed();
            registry.withArchivedTeams("payments");
            proposal.when(new CommitInitiative("checkout", null))
                    .expectNoEvents().expectException(StateConflict.class).expectExceptionMessage(refusal);
            fixture();
            proposal = proposed();
            registry.withArchivedTeams("payments");
            proposal.when(new DeferInitiative("checkout", "2027-s2", "later"))
                    .expectNoEvents().expectException(StateConflict.class).expectExceptionMessage(refusal);
            fixture();
            TestExecutor<Initiative> started = proposed(new CommitInitiative("checkout", null),
                                                        new StartInitiative("checkout", null));
            registry.withArchivedTeams("payments");
            started.when(new CompleteInitiative("checkout", "shipped before the reorg"))
                   .expectEvents(new InitiativeCompleted("checkout", "2027-s1"));
        }

        @Test
        void anArchivedCycleTakesNoProposalNorDeferralIntoIt() {
            String refusal = "cycle 2027-s2 is archived; it takes no new work (restore it first)";
            registry.withArchivedCycle("2027-s2", CycleStatus.PLANNING);
            fixture.givenNoPriorActivity()
                   .when(new ProposeInitiative("later", "2027-s2", "payments", "Later", null, Category.KTLO))
                   .expectNoEvents().expectException(StateConflict.class).expectExceptionMessage(refusal);
            proposed().when(new DeferInitiative("checkout", "2027-s2", "later"))
                      .expectNoEvents().expectException(StateConflict.class).expectExceptionMessage(refusal);
        }
    }
}
