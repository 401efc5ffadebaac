package org.planningengine.query.team;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Role;
import org.planningengine.security.web.AnswersETag;
import org.planningengine.security.web.LeastRole;
import jakarta.servlet.http.HttpServletResponse;
import org.bson.Document;
import org.planningengine.query.views.Archived;
import org.planningengine.query.views.AsOf;
import org.planningengine.query.views.ItemVersion;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.ViewTime;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Reads of the organisation's teams, now or as of an instant. Answers carry {@code asOf}, the instant the views
 * reflect, and {@code lastEventAt}, the time of the latest event that changed what they show. Archived teams are left
 * out of the list unless asked for.
 */
@RestController
@Tag(name = "Teams")
@RequestMapping("/api/teams")
public class TeamReads {

    /** @param parentId the group the team belongs to, null for none */
    public record Team(String id, String name, String parentId, boolean archived, Instant lastEventAt) {
    }

    public record Teams(Instant asOf, Instant lastEventAt, List<Team> teams) {
    }

    public record TeamAnswer(String id, String name, String parentId, boolean archived, Instant asOf,
                             Instant lastEventAt) {
    }

    private final TeamViews teams;
    private final PlanProgress progress;

    public TeamReads(TeamViews teams, PlanProgress progress) {
        this.teams = teams;
        this.progress = progress;
    }

    /**
     * The teams the filter shows, by id; one document each, read whole (an organisation has tens of teams, not
     * thousands). Its {@code lastEventAt} counts the teams it leaves out: archiving one changed the list.
     */
    @Operation(summary = "The teams")
    @LeastRole(Role.VIEWER)
    @GetMapping
    Teams teams(@RequestParam(name = Archived.PARAMETER, required = false) String archivedParameter,
                @RequestParam(name = AsOf.PARAMETER, required = false) String asOfParameter) {
        Archived archived = Archived.parse(archivedParameter);
        Instant asOf = AsOf.parse(asOfParameter);
        List<Team> all = teams.allAt(asOf).stream().map(TeamReads::team).sorted(Comparator.comparing(Team::id))
                              .toList();
        Instant lastEventAt = all.stream().map(Team::lastEventAt).max(Comparator.naturalOrder()).orElse(null);
        return new Teams(progress.asOf(asOf), lastEventAt,
                         all.stream().filter(team -> archived.shows(team.archived())).toList());
    }

    /** A team, archived or not, with its version as the {@code ETag}. */
    @Operation(summary = "A team")
    @LeastRole(Role.VIEWER)
    @AnswersETag
    @GetMapping("/{teamId}")
    TeamAnswer team(@PathVariable String teamId,
                    @RequestParam(name = AsOf.PARAMETER, required = false) String asOfParameter,
                    HttpServletResponse response) {
        Instant asOf = AsOf.parse(asOfParameter);
        Document document = teams.require("team", teamId, asOf);
        ItemVersion.answer(response, document);
        Team team = team(document);
        return new TeamAnswer(team.id(), team.name(), team.parentId(), team.archived(), progress.asOf(asOf),
                              team.lastEventAt());
    }

    private static Team team(Document doc) {
        return new Team(doc.getString("_id"), doc.getString("name"), doc.getString("parentId"), Archived.of(doc),
                        ViewTime.parse(doc.getString("lastEventAt")));
    }
}
