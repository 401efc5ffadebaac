package org.planningengine.command.initiative;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.planningengine.command.CommandSideConfiguration;
import org.planningengine.command.PlanRegistry;
import org.planningengine.command.PlanRegistry.CycleFacts;
import org.planningengine.command.PlanRegistry.InitiativeFacts;
import org.planningengine.command.PlanRegistry.ObjectiveFacts;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.Rules;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.command.capacity.AllocationReleases;
import org.planningengine.command.capacity.ReleaseAllocation;
import org.planningengine.command.cycle.CycleCommitments;
import org.planningengine.command.cycle.RecordCommitment;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.Archiving;
import org.planningengine.events.initiative.DependencyAdded;
import org.planningengine.events.initiative.InitiativeArchived;
import org.planningengine.events.initiative.InitiativeCommitted;
import org.planningengine.events.initiative.InitiativeCompleted;
import org.planningengine.events.initiative.InitiativeDeferred;
import org.planningengine.events.initiative.InitiativeDropped;
import org.planningengine.events.initiative.InitiativeProposed;
import org.planningengine.events.initiative.InitiativeRestored;
import org.planningengine.events.initiative.InitiativeScored;
import org.planningengine.events.initiative.InitiativeStarted;
import org.planningengine.events.initiative.InitiativeStatus;
import org.planningengine.events.initiative.InitiativeTransition;
import org.planningengine.events.initiative.KeyResultLinked;
import org.planningengine.events.initiative.RiceInputs;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.planningengine.command.Reasons.because;
import static org.planningengine.command.Rules.requireOpenCycle;

/**
 * A unit of planned work: its team, its cycle, its RICE score and its status. Deferral moves it to another cycle
 * under the same id, so its whole history stays in one stream. An archived initiative takes no write but its
 * restore.
 */
@Aggregate(snapshotTriggerDefinition = CommandSideConfiguration.SNAPSHOT_TRIGGER,
           cache = CommandSideConfiguration.AGGREGATE_CACHE)
@Revision("2") // its snapshots' shape: 2 keeps the team; one of another revision is ignored, the events replayed
public class Initiative {

    @AggregateIdentifier
    private String aggregateId;
    private String initiativeId;
    private String cycleId;
    private String teamId;
    private InitiativeStatus status;
    private RiceInputs rice;
    private BigDecimal score;
    private Set<String> linkedKeyResults = new HashSet<>();
    private Set<String> dependencies = new HashSet<>();
    private boolean archived;

    protected Initiative() {
    }

    @CommandHandler
    public Initiative(ProposeInitiative command, PlanRegistry registry) {
        Rules.requireSlug("id", command.initiativeId());
        if (registry.initiative(command.initiativeId()).isPresent()) {
            throw new StateConflict("initiative " + command.initiativeId() + " already exists");
        }
        requireProposable(command, registry);
        apply(new InitiativeProposed(command.initiativeId(), command.cycleId(), command.teamId(),
                                     command.title().strip(), command.description(), command.category()));
    }

    /** The rules of a proposal but its id's: an import checks its rows with them before it sends anything. */
    public static void requireProposable(ProposeInitiative command, PlanRegistry registry) {
        Rules.requireText("title", command.title(), Rules.MAX_NAME);
        Rules.optionalText("description", command.description(), Rules.MAX_LONG_TEXT);
        if (command.category() == null) {
            throw new RuleViolated("category", "category is required: NEW_INITIATIVE, KTLO or TEAM_INITIATIVE");
        }
        requireOpenCycle("cycleId", command.cycleId(), registry);
        Rules.requireWorkingTeam("teamId", command.teamId(), registry);
    }

    /** Scoring with the inputs it already has changes nothing; the inputs and reason are checked all the same. */
    @CommandHandler
    void handle(ScoreInitiative command, PlanRegistry registry) {
        RiceInputs inputs = RiceRules.check(command);
        Rules.requireText("reason", command.reason(), Rules.MAX_REASON);
        require(InitiativeTransition.SCORE);
        requireOpenCycle("cycleId", cycleId, registry);
        if (rice != null && RiceRules.sameValues(rice, inputs)) {
            return; // the score it already has: no decision, no churn
        }
        apply(new InitiativeScored(initiativeId, cycleId, rice, score, inputs, inputs.score()), because(command.reason()));
    }

    /** The cycle records the commitment in the same commit, and refuses it once closed ({@link CycleCommitments}). */
    @CommandHandler
    void handle(CommitInitiative command, PlanRegistry registry, CycleCommitments commitments) throws Exception {
        require(InitiativeTransition.COMMIT);
        requireOpenCycle("cycleId", cycleId, registry);
        Rules.requireWorkingTeam("teamId", teamId, registry);
        commitments.record(new RecordCommitment(cycleId, initiativeId));
        apply(new InitiativeCommitted(initiativeId, cycleId), because(command.reason()));
    }

    @CommandHandler
    void handle(StartInitiative command) {
        require(InitiativeTransition.START);
        apply(new InitiativeStarted(initiativeId, cycleId), because(command.reason()));
    }

    @CommandHandler
    void handle(CompleteInitiative command) {
        require(InitiativeTransition.COMPLETE);
        apply(new InitiativeCompleted(initiativeId, cycleId), because(command.reason()));
    }

    /** Dropped work no longer holds capacity: its allocation in its cycle is released in the same commit. */
    @CommandHandler
    void handle(DropInitiative command, AllocationReleases releases) throws Exception {
        Rules.requireText("reason", command.reason(), Rules.MAX_REASON);
        require(InitiativeTransition.DROP);
        release(releases, "initiative " + initiativeId + " was dropped: " + command.reason().strip());
        apply(new InitiativeDropped(initiativeId, cycleId, status), because(command.reason()));
    }

    /** The cycle it leaves gets its allocation back, in the same commit; the later cycle budgets it anew. */
    @CommandHandler
    void handle(DeferInitiative command, PlanRegistry registry, AllocationReleases releases) throws Exception {
        Rules.requireText("reason", command.reason(), Rules.MAX_REASON);
        Rules.requireSlug("toCycleId", command.toCycleId());
        if (command.toCycleId().equals(cycleId)) {
            throw new RuleViolated("toCycleId", "initiative " + initiativeId + " is already in cycle " + cycleId);
        }
        require(InitiativeTransition.DEFER);
        CycleFacts to = requireOpenCycle("toCycleId", command.toCycleId(), registry);
        Rules.requireStartsLater("toCycleId", cycleId, command.toCycleId(), to, registry, "initiative " + initiativeId);
        Rules.requireWorkingTeam("teamId", teamId, registry);
        release(releases, "initiative " + initiativeId + " was deferred to cycle " + command.toCycleId()
                                    + ": " + command.reason().strip());
        apply(new InitiativeDeferred(initiativeId, cycleId, command.toCycleId(), status), because(command.reason()));
    }

    /**
     * Depending on what it already depends on changes nothing; a dependency may not close a loop, nor be on an
     * archived initiative (which is not going to be done).
     */
    @CommandHandler
    void handle(AddDependency command, PlanRegistry registry) {
        Rules.requireSlug("dependsOn", command.dependsOn());
        if (command.dependsOn().equals(initiativeId)) {
            throw new RuleViolated("dependsOn", "an initiative cannot depend on itself");
        }
        requireUnarchived();
        if (dependencies.contains(command.dependsOn())) {
            return;
        }
        registry.initiative(command.dependsOn()).filter(InitiativeFacts::archived).ifPresent(dependency -> {
            throw new StateConflict("initiative " + command.dependsOn() + " is archived; nothing can depend on it "
                                    + "(restore it first)");
        });
        List<String> loop = pathBack(command.dependsOn(), registry);
        if (!loop.isEmpty()) {
            throw new RuleViolated("dependsOn", "depending on " + command.dependsOn() + " would close a loop: "
                                                + initiativeId + " → " + String.join(" → ", loop));
        }
        apply(new DependencyAdded(initiativeId, command.dependsOn()));
    }

    /**
     * The dependency path from {@code start} back to this initiative, empty when there is none; fails when
     * {@code start} does not exist.
     */
    private List<String> pathBack(String start, PlanRegistry registry) {
        Map<String, String> reachedFrom = new HashMap<>();
        Deque<String> toVisit = new ArrayDeque<>(List.of(start));
        reachedFrom.put(start, null);
        while (!toVisit.isEmpty()) {
            String current = toVisit.removeFirst();
            Set<String> next = registry.initiative(current).map(InitiativeFacts::dependsOn).orElseThrow(
                    () -> current.equals(start)
                          ? new UnknownReference("dependsOn", "initiative " + start + " does not exist")
                          : new IllegalStateException("initiative " + current + " is depended on but has no events"));
            for (String dependency : next) {
                if (dependency.equals(initiativeId)) {
                    List<String> path = new ArrayList<>(List.of(initiativeId));
                    for (String step = current; step != null; step = reachedFrom.get(step)) {
                        path.add(0, step);
                    }
                    return path;
                }
                if (!reachedFrom.containsKey(dependency)) {
                    reachedFrom.put(dependency, current);
                    toVisit.addLast(dependency);
                }
            }
        }
        return List.of();
    }

    /** The key result must exist; linking one that is already linked changes nothing. */
    @CommandHandler
    void handle(LinkKeyResult command, PlanRegistry registry) {
        Rules.requireSlug("objectiveId", command.objectiveId());
        Rules.requireSlug("keyResultId", command.keyResultId());
        ObjectiveFacts objective = registry.objective(command.objectiveId()).orElseThrow(
                () -> new UnknownReference("objectiveId", "objective " + command.objectiveId() + " does not exist"));
        if (!objective.keyResultIds().contains(command.keyResultId())) {
            throw new UnknownReference("keyResultId", "key result " + command.keyResultId() + " of objective "
                                                      + command.objectiveId() + " does not exist");
        }
        requireUnarchived();
        Rules.requireUnarchived(objective.archived(), "objective " + command.objectiveId());
        if (!linkedKeyResults.contains(linkKey(command.objectiveId(), command.keyResultId()))) {
            apply(new KeyResultLinked(initiativeId, command.objectiveId(), command.keyResultId()));
        }
    }

    /**
     * Archiving an archived initiative changes nothing. Committed or started work is in the plan: it is dropped or
     * completed first. A proposal that holds capacity gives it back in the same commit, as a drop does; done work
     * keeps what it spent.
     */
    @CommandHandler
    void handle(ArchiveInitiative command, AllocationReleases releases) throws Exception {
        Rules.requireText("reason", command.reason(), Rules.MAX_REASON);
        if (archived) {
            return;
        }
        if (!InitiativeTransition.ARCHIVE.allowedFrom(status)) {
            throw new StateConflict("initiative " + initiativeId + " is " + status + "; only an initiative that is "
                                    + InitiativeTransition.ARCHIVE.from() + " can be archived: drop or complete it "
                                    + "first");
        }
        if (status == InitiativeStatus.PROPOSED) {
            release(releases, "initiative " + initiativeId + " was archived: " + command.reason().strip());
        }
        apply(new InitiativeArchived(initiativeId, cycleId, status), because(command.reason()));
    }

    /** Restoring an initiative that is not archived changes nothing; a restored one is as it was. */
    @CommandHandler
    void handle(RestoreInitiative command) {
        Rules.requireText("reason", command.reason(), Rules.MAX_REASON);
        if (archived) {
            apply(new InitiativeRestored(initiativeId, cycleId, status), because(command.reason()));
        }
    }

    /**
     * Releases the initiative's allocation in its team's plan for the cycle it is in, before the decision's own
     * event: at no instant of the log does the capacity count work that the roadmap no longer does.
     */
    private void release(AllocationReleases releases, String reason) throws Exception {
        releases.release(new ReleaseAllocation(cycleId, teamId, initiativeId, reason));
    }

    private void require(InitiativeTransition transition) {
        requireUnarchived();
        if (!transition.allowedFrom(status)) {
            throw new StateConflict("initiative " + initiativeId + " is " + status + "; only an initiative that is "
                                    + transition.from() + " can " + transition.name().toLowerCase(Locale.ROOT));
        }
    }

    private void requireUnarchived() {
        Rules.requireUnarchived(archived, "initiative " + initiativeId);
    }

    private static String linkKey(String objectiveId, String keyResultId) {
        return objectiveId + "/" + keyResultId;
    }

    @EventSourcingHandler
    void on(InitiativeProposed event) {
        aggregateId = AggregateIds.initiative(event.initiativeId());
        initiativeId = event.initiativeId();
        cycleId = event.cycleId();
        teamId = event.teamId();
        status = InitiativeTransition.after(status, event);
    }

    @EventSourcingHandler
    void on(InitiativeScored event) {
        rice = event.rice();
        score = event.score();
    }

    @EventSourcingHandler
    void on(InitiativeCommitted event) {
        status = InitiativeTransition.after(status, event);
    }

    @EventSourcingHandler
    void on(InitiativeStarted event) {
        status = InitiativeTransition.after(status, event);
    }

    @EventSourcingHandler
    void on(InitiativeCompleted event) {
        status = InitiativeTransition.after(status, event);
    }

    @EventSourcingHandler
    void on(InitiativeDropped event) {
        status = InitiativeTransition.after(status, event);
    }

    @EventSourcingHandler
    void on(InitiativeDeferred event) {
        cycleId = event.toCycleId();
        status = InitiativeTransition.after(status, event);
    }

    @EventSourcingHandler
    void on(InitiativeArchived event) {
        archived = Archiving.after(archived, event);
    }

    @EventSourcingHandler
    void on(InitiativeRestored event) {
        archived = Archiving.after(archived, event);
    }

    @EventSourcingHandler
    void on(DependencyAdded event) {
        dependencies.add(event.dependsOn());
    }

    @EventSourcingHandler
    void on(KeyResultLinked event) {
        linkedKeyResults.add(linkKey(event.objectiveId(), event.keyResultId()));
    }
}
