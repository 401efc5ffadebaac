package org.planningengine.standalone;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planningengine.command.UnknownReference;
import org.planningengine.command.cycle.StartCycle;
import org.planningengine.command.team.RegisterTeam;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Through the real command bus and event log: the registry answers from the log at once, a cycle and a team may
 * share a slug, and a second creation of the same aggregate is refused by the log itself.
 */
@SpringBootTest(classes = PlanningEngineApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class AggregateIdentityTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        registry.add("planning.embedded-mongo.data-dir", dataDir::toString);
    }

    @Autowired
    CommandGateway commands;

    @Test
    void aTeamCanBeRegisteredInsideAParentRegisteredJustBefore() {
        commands.sendAndWait(new RegisterTeam("platform", "Platform", null));

        commands.sendAndWait(new RegisterTeam("payments", "Payments", "platform"));

        assertThatThrownBy(() -> commands.sendAndWait(new RegisterTeam("search", "Search", "nowhere")))
                .isInstanceOf(UnknownReference.class);
    }

    @Test
    void aCycleAndATeamMayShareASlugButNoTwoTeamsMay() {
        commands.sendAndWait(new RegisterTeam("shared-slug", "Team", null));
        Object started = commands.sendAndWait(new StartCycle("shared-slug", "Cycle", LocalDate.parse("2027-04-01"),
                                                             LocalDate.parse("2027-09-30"), null));

        assertThat(started).isEqualTo("cycle:shared-slug");
        assertThatThrownBy(() -> commands.sendAndWait(new RegisterTeam("shared-slug", "Again", null)))
                .isInstanceOf(AggregateStreamCreationException.class);
    }
}
