package org.planningengine.command.team;

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
import org.planningengine.command.UnknownReference;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.team.TeamArchived;
import org.planningengine.events.team.TeamRegistered;
import org.planningengine.events.team.TeamRestored;

import static org.hamcrest.Matchers.containsString;

class TeamTest {

    private AggregateTestFixture<Team> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Team.class);
        fixture.registerInjectableResource(new ListedRegistry().withTeams("platform").withArchivedTeams("legacy"));
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

    @Test
    void refusesAnArchivedParent() {
        fixture.givenNoPriorActivity()
               .when(new RegisterTeam("payments", "Payments", "legacy"))
               .expectNoEvents().expectException(StateConflict.class)
               .expectExceptionMessage("parent team legacy is archived; it takes no new teams (restore it first)");
    }

    @Nested
    @DisplayName("archiving and restoring")
    class Archiving {

        private final RegisterTeam register = new RegisterTeam("payments", "Payments", null);
        private final ArchiveTeam archive = new ArchiveTeam("payments", "merged into checkout");

        @Test
        void archivesWithItsReason() {
            fixture.givenCommands(register)
                   .when(archive)
                   .expectEvents(GenericEventMessage.asEventMessage(new TeamArchived("payments"))
                                                    .withMetaData(MetaData.with(EventMetadata.REASON,
                                                                                "merged into checkout")));
        }

        @Test
        void restoresWithItsReason() {
            fixture.givenCommands(register, archive)
                   .when(new RestoreTeam("payments", "split again"))
                   .expectEvents(GenericEventMessage.asEventMessage(new TeamRestored("payments"))
                                                    .withMetaData(MetaData.with(EventMetadata.REASON,
                                                                                "split again")));
        }

        @Test
        void archivingAgainAndRestoringWhatIsNotArchivedAppendNothing() {
            fixture.givenCommands(register, archive)
                   .when(new ArchiveTeam("payments", "again"))
                   .expectSuccessfulHandlerExecution().expectNoEvents();
            fixture.givenCommands(register)
                   .when(new RestoreTeam("payments", "nothing to restore"))
                   .expectSuccessfulHandlerExecution().expectNoEvents();
        }

        @Test
        void refusesNoReason() {
            fixture.givenCommands(register)
                   .when(new ArchiveTeam("payments", null))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage("reason is required");
            fixture.givenCommands(register, archive)
                   .when(new RestoreTeam("payments", ""))
                   .expectNoEvents().expectException(RuleViolated.class)
                   .expectExceptionMessage("reason is required");
        }
    }
}
