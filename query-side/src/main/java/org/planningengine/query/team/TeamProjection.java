package org.planningengine.query.team;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.planningengine.events.Archiving;
import org.planningengine.events.team.TeamArchived;
import org.planningengine.events.team.TeamRegistered;
import org.planningengine.events.team.TeamRestored;
import org.planningengine.query.views.Archived;
import org.planningengine.query.views.PlanProgress;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** The organisation's teams from the log, in the plan views' group, so that a team read reflects the same point. */
@Component
@ProcessingGroup(PlanProgress.GROUP)
public class TeamProjection {

    private final TeamViews teams;

    public TeamProjection(TeamViews teams) {
        this.teams = teams;
    }

    @EventHandler
    void on(TeamRegistered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        teams.apply(event.teamId(), sequence, at,
                    team -> team.append("name", event.name()).append("parentId", event.parentId())
                                .append(Archived.FIELD, false));
    }

    @EventHandler
    void on(TeamArchived event, @SequenceNumber long sequence, @Timestamp Instant at) {
        archived(event.teamId(), event, sequence, at);
    }

    @EventHandler
    void on(TeamRestored event, @SequenceNumber long sequence, @Timestamp Instant at) {
        archived(event.teamId(), event, sequence, at);
    }

    private void archived(String teamId, Object event, long sequence, Instant at) {
        teams.apply(teamId, sequence, at, team -> team.put(Archived.FIELD, Archiving.after(Archived.of(team), event)));
    }

    @ResetHandler
    void reset() {
        teams.clear();
    }
}
