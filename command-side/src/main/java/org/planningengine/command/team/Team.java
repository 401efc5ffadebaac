package org.planningengine.command.team;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.planningengine.command.PlanRegistry;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.Rules;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.team.TeamRegistered;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A team of the organisation. A second registration of the same id is refused up front, and by the event log
 * itself when two race. */
@Aggregate
public class Team {

    @AggregateIdentifier
    private String aggregateId;

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
            if (!registry.teamExists(command.parentId())) {
                throw new UnknownReference("parentId", "parent team " + command.parentId() + " does not exist");
            }
        }
        apply(new TeamRegistered(command.teamId(), command.name().strip(), command.parentId()));
    }

    @EventSourcingHandler
    void on(TeamRegistered event) {
        aggregateId = AggregateIds.team(event.teamId());
    }
}
