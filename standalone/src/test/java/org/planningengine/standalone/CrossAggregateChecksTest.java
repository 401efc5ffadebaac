package org.planningengine.standalone;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.command.cycle.CloseCycle;
import org.planningengine.command.cycle.CommitPlan;
import org.planningengine.command.cycle.StartCycle;
import org.planningengine.command.initiative.AddDependency;
import org.planningengine.command.initiative.ProposeInitiative;
import org.planningengine.command.team.RegisterTeam;
import org.planningengine.command.web.AppliedVersion;
import org.planningengine.events.initiative.Category;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Through the real command bus and event log: checks on other aggregates see them the moment their events are
 * stored, a cycle and a team may share a slug, and a second creation of the same aggregate is refused.
 */
@SpringBootTest(classes = PlanningEngineApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CrossAggregateChecksTest {

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void dataFolder(DynamicPropertyRegistry registry) {
        registry.add("planning.embedded-mongo.data-dir", dataDir::toString);
    }

    private static final LocalDate APRIL = LocalDate.parse("2027-04-01");
    private static final LocalDate SEPTEMBER = LocalDate.parse("2027-09-30");

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
    void anInitiativeSeesItsCycleAndTeamAsTheyAreNow() {
        commands.sendAndWait(new StartCycle("2027-s1", "First", APRIL, SEPTEMBER, null));
        commands.sendAndWait(new RegisterTeam("growth", "Growth", null));
        commands.sendAndWait(new ProposeInitiative("referrals", "2027-s1", "growth", "Referrals", null,
                                                   Category.NEW_INITIATIVE));
        commands.sendAndWait(new CommitPlan("2027-s1", null));
        commands.sendAndWait(new CloseCycle("2027-s1", null));

        assertThatThrownBy(() -> commands.sendAndWait(new ProposeInitiative("late", "2027-s1", "growth", "Late",
                                                                            null, Category.KTLO)))
                .isInstanceOf(StateConflict.class)
                .hasMessageContaining("cycle 2027-s1 is CLOSED");
    }

    @Test
    void aDependencyThatClosesALoopIsRefusedFromTheLog() {
        commands.sendAndWait(new StartCycle("2027-s2", "Second", APRIL, SEPTEMBER, null));
        commands.sendAndWait(new RegisterTeam("core", "Core", null));
        for (String id : List.of("api", "sdk", "docs")) {
            commands.sendAndWait(new ProposeInitiative(id, "2027-s2", "core", id, null, Category.KTLO));
        }
        commands.sendAndWait(new AddDependency("docs", "sdk"));
        commands.sendAndWait(new AddDependency("sdk", "api"));

        assertThatThrownBy(() -> commands.sendAndWait(new AddDependency("api", "docs")))
                .isInstanceOf(RuleViolated.class)
                .hasMessageContaining("api → docs → sdk → api");
    }

    @Test
    void aCycleAndATeamMayShareASlugButNoTwoTeamsMay() {
        commands.sendAndWait(new RegisterTeam("shared-slug", "Team", null));
        AppliedVersion started = commands.sendAndWait(new StartCycle("shared-slug", "Cycle", APRIL, SEPTEMBER,
                                                                     null));

        assertThat(started.sequenceOf("cycle:shared-slug")).as("the version the command left the cycle at").hasValue(0);
        assertThatThrownBy(() -> commands.sendAndWait(new RegisterTeam("shared-slug", "Again", null)))
                .isInstanceOf(StateConflict.class)
                .hasMessage("team shared-slug already exists");
    }
}
