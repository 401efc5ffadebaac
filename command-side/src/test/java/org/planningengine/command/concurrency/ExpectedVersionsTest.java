package org.planningengine.command.concurrency;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.spring.stereotype.Aggregate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.planningengine.command.ListedRegistry;
import org.planningengine.command.capacity.SetTeamCapacity;
import org.planningengine.command.capacity.TeamCyclePlan;
import org.planningengine.command.cycle.CommitPlan;
import org.planningengine.command.cycle.Cycle;
import org.planningengine.events.capacity.TeamCapacitySet;
import org.planningengine.events.cycle.CycleStatus;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;

/**
 * A command sent with the version its client expects is handled only when its aggregate, as the command's unit of
 * work loads it, is at that version; otherwise nothing is appended.
 */
class ExpectedVersionsTest {

    private static Map<String, String> expecting(String version) {
        return Map.of(ExpectedVersion.META_DATA, version);
    }

    private static SetTeamCapacity capacity(String personWeeks) {
        return new SetTeamCapacity("2027-s1", "payments", new BigDecimal(personWeeks), null, null);
    }

    private static TeamCapacitySet capacitySet(String from, String to) {
        return new TeamCapacitySet("2027-s1", "payments", new BigDecimal(from), new BigDecimal(to));
    }

    @Nested
    @DisplayName("on a team's plan (created by its first command)")
    class OnAPlan {

        private AggregateTestFixture<TeamCyclePlan> fixture;

        @BeforeEach
        void fixture() {
            fixture = new AggregateTestFixture<>(TeamCyclePlan.class);
            fixture.registerInjectableResource(new ListedRegistry().withTeams("payments")
                                                                   .withCycle("2027-s1", CycleStatus.PLANNING));
            fixture.registerCommandHandlerInterceptor(new ExpectedVersions(aggregateId -> fixture.getRepository()));
        }

        @Test
        void atTheExpectedVersionTheCommandIsHandled() {
            fixture.given(capacitySet("0", "40"), capacitySet("40", "45"))
                   .when(capacity("50"), expecting("1"))
                   .expectEvents(capacitySet("45", "50"));
        }

        @Test
        void atAnotherVersionNothingIsAppendedAndTheCurrentVersionIsTold() {
            fixture.given(capacitySet("0", "40"), capacitySet("40", "45"))
                   .when(capacity("50"), expecting("0"))
                   .expectNoEvents()
                   .expectException(UnexpectedVersion.class)
                   .expectExceptionMessage(equalTo(
                           "team-plan 2027-s1/payments is at version 1, not 0: it changed since that version was "
                           + "read; nothing was appended, read it again and decide on what it is now"));
        }

        @Test
        void aCommandThatWouldChangeNothingIsRefusedAsWellWhenTheVersionMovedOn() {
            fixture.given(capacitySet("0", "40"), capacitySet("40", "45"))
                   .when(capacity("45"), expecting("0"))
                   .expectException(UnexpectedVersion.class);
        }

        @Test
        void aCommandThatChangesNothingAtTheExpectedVersionSucceeds() {
            fixture.given(capacitySet("0", "40"))
                   .when(capacity("40"), expecting("0"))
                   .expectSuccessfulHandlerExecution()
                   .expectNoEvents();
        }

        @Test
        void anyVersionIsOneOfAPlanThatExists() {
            fixture.given(capacitySet("0", "40"))
                   .when(capacity("50"), expecting("*"))
                   .expectEvents(capacitySet("40", "50"));
        }

        @Test
        void aPlanThatDoesNotExistIsAtNoVersionAndIsNotCreated() {
            fixture.givenNoPriorActivity()
                   .when(capacity("50"), expecting("*"))
                   .expectNoEvents()
                   .expectException(UnexpectedVersion.class)
                   .expectExceptionMessage(equalTo("team-plan 2027-s1/payments does not exist yet, so it is not at "
                                                   + "any version (If-Match: *); nothing was appended"));
        }

        @Test
        void norAtVersionZero() {
            fixture.givenNoPriorActivity()
                   .when(capacity("50"), expecting("0"))
                   .expectNoEvents()
                   .expectException(UnexpectedVersion.class);
        }

        @Test
        void withoutAnExpectationThereIsNoCheck() {
            fixture.givenNoPriorActivity()
                   .when(capacity("50"))
                   .expectEvents(capacitySet("0", "50"));
        }
    }

    @Nested
    @DisplayName("on an aggregate a command needs to exist")
    class OnACycle {

        @Test
        void aMissingOneIsUnknownAsWithoutAnExpectation() {
            AggregateTestFixture<Cycle> fixture = new AggregateTestFixture<>(Cycle.class);
            fixture.registerInjectableResource(new ListedRegistry());
            fixture.registerCommandHandlerInterceptor(new ExpectedVersions(aggregateId -> fixture.getRepository()));

            fixture.givenNoPriorActivity()
                   .when(new CommitPlan("2027-s1", null), expecting("*"))
                   .expectNoEvents()
                   .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    @DisplayName("the aggregates it knows")
    class Kinds {

        @Test
        void everyAggregateOfTheCommandSideByTheKindOfItsIdentifiers() {
            var scanner = new ClassPathScanningCandidateComponentProvider(false);
            scanner.addIncludeFilter(new AnnotationTypeFilter(Aggregate.class));
            Set<String> aggregates = new HashSet<>();
            scanner.findCandidateComponents("org.planningengine.command")
                   .forEach(candidate -> aggregates.add(candidate.getBeanClassName()));

            assertThat(ExpectedVersions.BY_KIND.values()).extracting(Class::getName)
                                                         .containsExactlyInAnyOrderElementsOf(aggregates);
            assertThat(ExpectedVersions.aggregateOf("team-plan:2027-s1/payments")).isEqualTo(TeamCyclePlan.class);
            assertThatThrownBy(() -> ExpectedVersions.aggregateOf("plan:2027-s1"))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
