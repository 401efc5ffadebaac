package org.planningengine.command.team;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.planningengine.command.CommandSideConfiguration;
import org.planningengine.command.PlanRegistry;
import org.planningengine.command.PlanRegistry.TeamFacts;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.Rules;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.Archiving;
import org.planningengine.events.team.TeamArchived;
import org.planningengine.events.team.TeamRegistered;
import org.planningengine.events.team.TeamRestored;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.planningengine.command.Reasons.because;

/**
 * A team of the organisation. A second registration of the same id is refused up front, and by the event log
 * itself when two race. An archived team takes no new work (no initiative, objective, capacity or team under it);
 * its work under way can still be finished, since the command side, knowing other aggregates only by key, cannot
 * list it.
 */
@Aggregate(cache = CommandSideConfiguration.AGGREGATE_CACHE)
public class Team {

    @AggregateIdentifier
    private String aggregateId;
    private String teamId;
    private boolean archived;

    protected Team() {
    }

    @CommandHandler
    public Team(RegisterTeam command, PlanRegistry registry) {
        Rules.requireSlug("id", command.teamId());
        if (registry.teamExists(command.teamId())) {
            throw new StateConflict("team " + command.teamId() + " already exists");
        }
        Rules.requireText("name", command.name(), Rules.MAX_NAME);
        if (command.parentId() != null) {
            if (command.parentId().equals(command.teamId())) {
                throw new RuleViolated("parentId", "a team cannot be its own parent");
            }
            TeamFacts parent = registry.team(command.parentId()).orElseThrow(
                    () -> new UnknownReference("parentId", "parent team " + command.parentId() + " does not exist"));
            if (parent.archived()) {
                throw new StateConflict("parent team " + command.parentId() + " is archived; it takes no new "
                                        + "teams (restore it first)");
            }
        }
        apply(new TeamRegistered(command.teamId(), command.name().strip(), command.parentId()));
    }

    /** Archiving an archived team changes nothing. */
    @CommandHandler
    void handle(ArchiveTeam command) {
        Rules.requireText("reason", command.reason(), Rules.MAX_REASON);
        if (!archived) {
            apply(new TeamArchived(teamId), because(command.reason()));
        }
    }

    /** Restoring a team that is not archived changes nothing. */
    @CommandHandler
    void handle(RestoreTeam command) {
        Rules.requireText("reason", command.reason(), Rules.MAX_REASON);
        if (archived) {
            apply(new TeamRestored(teamId), because(command.reason()));
        }
    }

    @EventSourcingHandler
    void on(TeamRegistered event) {
        aggregateId = AggregateIds.team(event.teamId());
        teamId = event.teamId();
    }

    @EventSourcingHandler
    void on(TeamArchived event) {
        archived = Archiving.after(archived, event);
    }

    @EventSourcingHandler
    void on(TeamRestored event) {
        archived = Archiving.after(archived, event);
    }
}
