package org.planningengine.command.team;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planningengine.command.ListedRegistry;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.events.team.TeamRegistered;

import static org.hamcrest.Matchers.containsString;

class TeamTest {

    private AggregateTestFixture<Team> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Team.class);
        fixture.registerInjectableResource(new ListedRegistry().withTeams("platform"));
    }

    @Test
    void registersATeamWithoutAParent() {
        fixture.givenNoPriorActivity()
               .when(new RegisterTeam("payments", " Payments ", null))
               .expectEvents(new TeamRegistered("payments", "Payments", null));
    }

    @Test
    void registersATeamInsideAnExistingParent() {
        fixture.givenNoPriorActivity()
               .when(new RegisterTeam("payments", "Payments", "platform"))
               .expectEvents(new TeamRegistered("payments", "Payments", "platform"));
    }

    @Test
    void refusesAnIdThatExists() {
        fixture.givenNoPriorActivity()
               .when(new RegisterTeam("platform", "Platform again", null))
               .expectNoEvents().expectException(StateConflict.class)
               .expectExceptionMessage(containsString("team platform already exists"));
    }

    @Test
    void refusesAParentThatDoesNotExist() {
        fixture.givenNoPriorActivity()
               .when(new RegisterTeam("payments", "Payments", "nowhere"))
               .expectNoEvents().expectException(UnknownReference.class)
               .expectExceptionMessage(containsString("parent team nowhere does not exist"));
    }

    @Test
    void refusesToBeItsOwnParent() {
        fixture.givenNoPriorActivity()
               .when(new RegisterTeam("payments", "Payments", "payments"))
               .expectNoEvents().expectException(RuleViolated.class)
               .expectExceptionMessage(containsString("cannot be its own parent"));
    }

    @Test
    void refusesAnIdThatIsNotASlugAndABlankName() {
        fixture.givenNoPriorActivity()
               .when(new RegisterTeam("Payments!", "Payments", null))
               .expectNoEvents().expectException(RuleViolated.class)
               .expectExceptionMessage(containsString("id must be a slug"));
        fixture.givenNoPriorActivity()
               .when(new RegisterTeam("payments", "", null))
               .expectNoEvents().expectException(RuleViolated.class)
               .expectExceptionMessage(containsString("name is required"));
    }
}
