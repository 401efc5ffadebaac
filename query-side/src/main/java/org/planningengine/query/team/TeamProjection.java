package org.planningengine.query.team;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.planningengine.events.team.TeamRegistered;
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
                    team -> team.append("name", event.name()).append("parentId", event.parentId()));
    }

    @ResetHandler
    void reset() {
        teams.clear();
    }
}
