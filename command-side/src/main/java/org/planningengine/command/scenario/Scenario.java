package org.planningengine.command.scenario;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.planningengine.command.CommandSideConfiguration;
import org.planningengine.command.PlanRegistry;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.Rules;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.scenario.ScenarioApplied;
import org.planningengine.events.scenario.ScenarioDiscarded;
import org.planningengine.events.scenario.ScenarioForked;
import org.planningengine.events.scenario.ScenarioRenamed;
import org.planningengine.events.scenario.ScenarioStatus;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.planningengine.command.Reasons.because;

/**
 * A what-if scenario of a cycle: its name and whether it still takes writes. Its writes themselves are on its branch
 * of the log ({@code ScenarioWrites}); its application to the plan is one commit ({@code ScenarioApplication}).
 */
@Aggregate(cache = CommandSideConfiguration.AGGREGATE_CACHE)
public class Scenario {

    @AggregateIdentifier
    private String aggregateId;
    private String scenarioId;
    private String name;
    private ScenarioStatus status;

    protected Scenario() {
    }

    @CommandHandler
    public Scenario(ForkScenario command, PlanRegistry registry) {
        Rules.requireSlug("id", command.scenarioId());
        if (registry.scenario(command.scenarioId()).isPresent()) {
            throw new StateConflict("scenario " + command.scenarioId() + " already exists");
        }
        Rules.requireText("name", command.name(), Rules.MAX_NAME);
        if (registry.cycleAt(command.cycleId(), command.forkedAt()).isEmpty()) {
            throw registry.cycle(command.cycleId()).isPresent()
                  ? new RuleViolated("from", "cycle " + command.cycleId() + " did not exist yet at "
                                             + command.forkedAt())
                  : new UnknownReference("cycleId", "cycle " + command.cycleId() + " does not exist");
        }
        if (command.teamId() != null && !registry.teamExists(command.teamId())) {
            throw new UnknownReference("team", "team " + command.teamId() + " does not exist");
        }
        apply(new ScenarioForked(command.scenarioId(), command.cycleId(), command.name().strip(),
                                 command.forkedAt(), command.teamId()));
    }

    /** Renaming to the name it has changes nothing. */
    @CommandHandler
    void handle(RenameScenario command) {
        requireOpen();
        Rules.requireText("name", command.name(), Rules.MAX_NAME);
        if (!command.name().strip().equals(name)) {
            apply(new ScenarioRenamed(scenarioId, name, command.name().strip()));
        }
    }

    @CommandHandler
    void handle(DiscardScenario command) {
        requireOpen();
        Rules.requireText("reason", command.reason(), Rules.MAX_REASON);
        apply(new ScenarioDiscarded(scenarioId), because(command.reason()));
    }

    private void requireOpen() {
        if (status != ScenarioStatus.OPEN) {
            throw new StateConflict("scenario " + scenarioId + " is " + status.name().toLowerCase()
                                    + "; it takes no more changes");
        }
    }

    @EventSourcingHandler
    void on(ScenarioForked event) {
        aggregateId = AggregateIds.scenario(event.scenarioId());
        scenarioId = event.scenarioId();
        name = event.name();
        status = ScenarioStatus.after(status, event);
    }

    @EventSourcingHandler
    void on(ScenarioRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(ScenarioDiscarded event) {
        status = ScenarioStatus.after(status, event);
    }

    @EventSourcingHandler
    void on(ScenarioApplied event) {
        status = ScenarioStatus.after(status, event);
    }
}
