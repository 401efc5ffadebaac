package org.planningengine.query.team;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.planningengine.events.team.TeamArchived;
import org.planningengine.events.team.TeamRegistered;
import org.planningengine.events.team.TeamRestored;
import org.planningengine.query.team.TeamReads.TeamAnswer;
import org.planningengine.query.testing.ProjectionFixture;
import org.planningengine.query.views.BadQuery;
import org.planningengine.query.views.ViewNotFound;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.planningengine.query.testing.ProjectionFixture.at;

@DisplayName("The team projection and the teams' reads")
class TeamProjectionTest {

    private static final Instant REGISTERED = Instant.parse("2025-01-06T09:00:00Z");
    private static final Instant ARCHIVED = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant RESTORED = Instant.parse("2025-04-01T09:00:00Z");

    private final ProjectionFixture views = ProjectionFixture.given(
            at("2025-01-06T09:00:00Z", new TeamRegistered("platform", "Platform", null)),
            at("2025-01-06T09:05:00Z", new TeamRegistered("payments", "Payments", "platform")),
            at("2025-01-06T09:10:00Z", new TeamRegistered("legacy", "Legacy", "platform")),
            at("2025-02-01T09:00:00Z", new TeamArchived("payments")).by("olga", "merged into checkout"),
            at("2025-03-01T09:00:00Z", new TeamArchived("legacy")).by("olga", "disbanded"),
            at("2025-04-01T09:00:00Z", new TeamRestored("payments")).by("olga", "the merge was called off"));

    private List<String> teams(String archived, Instant asOf) {
        return views.teams.teams(archived, asOf == null ? null : asOf.toString()).teams().stream()
                          .map(team -> team.id() + (team.archived() ? " (archived)" : "")).toList();
    }

    @Test
    @DisplayName("the list leaves an archived team out; it counts its archiving in lastEventAt")
    void leftOut() {
        assertThat(teams(null, null)).containsExactly("payments", "platform");
        assertThat(teams("exclude", null)).containsExactly("payments", "platform");
        assertThat(views.teams.teams(null, null).lastEventAt()).isEqualTo(RESTORED);
    }

    @Test
    @DisplayName("the list shows it, flagged, when asked; as of an instant, each as it was then")
    void includeOnlyAndAsOf() {
        assertThat(teams("include", null)).containsExactly("legacy (archived)", "payments", "platform");
        assertThat(teams("only", null)).containsExactly("legacy (archived)");
        assertThat(teams(null, ARCHIVED.minusSeconds(1))).containsExactly("legacy", "platform");
        assertThat(teams("only", ARCHIVED.minusSeconds(1))).containsExactly("payments (archived)");
        assertThat(teams(null, REGISTERED)).containsExactly("platform");
    }

    private TeamAnswer team(String id, String asOf) {
        return views.teams.team(id, asOf, new MockHttpServletResponse());
    }

    @Test
    @DisplayName("the team's own read answers it archived or not")
    void single() {
        TeamAnswer legacy = team("legacy", null);

        assertThat(legacy.archived()).isTrue();
        assertThat(legacy.parentId()).isEqualTo("platform");
        assertThat(legacy.lastEventAt()).isEqualTo(ARCHIVED);
        assertThat(team("legacy", ARCHIVED.minusSeconds(1).toString()).archived()).isFalse();
        assertThat(team("payments", null).archived()).isFalse();
        assertThatThrownBy(() -> team("nobody", null)).isInstanceOf(ViewNotFound.class);
    }

    @Test
    @DisplayName("a filter value that names nothing is refused")
    void unknownFilter() {
        assertThatThrownBy(() -> views.teams.teams("true", null)).isInstanceOf(BadQuery.class);
    }

    @Test
    @DisplayName("as of every instant, the list with each filter and each team are what the events up to it give")
    void asOfEveryInstant() {
        for (String archived : new String[] {null, "include", "only"}) {
            views.assertAsOfEveryInstant(
                    (fixture, asOf) -> fixture.teams.teams(archived, asOf == null ? null : asOf.toString()));
        }
        for (String team : List.of("payments", "legacy")) {
            views.assertAsOfEveryInstant(
                    (fixture, asOf) -> fixture.answer((f, t) -> f.teams.team(team, t == null ? null : t.toString(),
                                                                              new MockHttpServletResponse()),
                                                      asOf));
        }
    }
}
