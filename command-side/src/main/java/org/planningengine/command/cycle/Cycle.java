package org.planningengine.command.cycle;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.planningengine.command.CommandSideConfiguration;
import org.planningengine.command.PlanRegistry;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.Rules;
import org.planningengine.command.StateConflict;
import org.planningengine.command.capacity.CyclePolicyAdoption;
import org.planningengine.command.capacity.PolicyRules;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.Archiving;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.CapacityPolicyChanged;
import org.planningengine.events.cycle.CommitmentRecorded;
import org.planningengine.events.cycle.CycleArchived;
import org.planningengine.events.cycle.CycleClosed;
import org.planningengine.events.cycle.CycleRestored;
import org.planningengine.events.cycle.CycleStarted;
import org.planningengine.events.cycle.CycleStatus;
import org.planningengine.events.cycle.PlanCommitted;
import org.planningengine.events.cycle.UnfinishedInitiative;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.stream.Collectors;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.planningengine.command.Reasons.because;

/**
 * A planning cycle, normally a semester: its dates, its capacity policy and its lifecycle. A second start of the
 * same cycle is refused up front, and by the event log itself when two race (the first event exists already). An
 * archived cycle takes no write but its restore.
 */
@Aggregate(cache = CommandSideConfiguration.AGGREGATE_CACHE)
public class Cycle {

    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;
    static final Period MAX_LENGTH = Period.ofYears(2);

    @AggregateIdentifier
    private String aggregateId;
    private String cycleId;
    private CycleStatus status;
    private CapacityPolicy policy;
    private boolean archived;

    protected Cycle() {
    }

    @CommandHandler
    public Cycle(StartCycle command, PlanRegistry registry) {
        Rules.requireSlug("id", command.cycleId());
        if (registry.cycle(command.cycleId()).isPresent()) {
            throw new StateConflict("cycle " + command.cycleId() + " already exists");
        }
        Rules.requireText("name", command.name(), Rules.MAX_NAME);
        requireSaneDate("startDate", command.startDate());
        requireSaneDate("endDate", command.endDate());
        if (!command.startDate().isBefore(command.endDate())) {
            throw new RuleViolated("endDate", "endDate " + command.endDate() + " must be after startDate "
                                              + command.startDate());
        }
        if (command.endDate().isAfter(command.startDate().plus(MAX_LENGTH))) {
            throw new RuleViolated("endDate", "a cycle lasts at most " + MAX_LENGTH.toTotalMonths() / 12
                                              + " years; endDate " + command.endDate() + " is after "
                                              + command.startDate().plus(MAX_LENGTH));
        }
        CapacityPolicy policy = command.policy() == null ? CapacityPolicy.standard() : command.policy();
        PolicyRules.check(policy);
        apply(new CycleStarted(command.cycleId(), command.name().strip(), command.startDate(), command.endDate(),
                               policy));
    }

    /** A date a plan can mean: within {@link #FIRST_YEAR}–{@link #LAST_YEAR}, far wider than any plan's. */
    private static void requireSaneDate(String field, LocalDate date) {
        if (date == null) {
            throw new RuleViolated(field, field + " is required");
        }
        if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
            throw new RuleViolated(field, field + " must lie in the years " + FIRST_YEAR + " to " + LAST_YEAR
                                          + " (was " + date + ")");
        }
    }

    /**
     * The new policy applies from now on, also to what the teams that follow it have allocated: each of their plans
     * adopts it in this commit, and one whose allocations it takes over a bucket's limit needs the override reason
     * (decision record 0016). The plans' events come first, so no instant of the log shows a bucket over its limit
     * without its override.
     */
    @CommandHandler
    void handle(ChangeCapacityPolicy command, PlanRegistry registry, CyclePolicyAdoption adoption) {
        PolicyRules.check(command.policy());
        Rules.requireText("reason", command.reason(), Rules.MAX_REASON);
        Rules.optionalText("override.reason", command.overrideReason(), Rules.MAX_REASON);
        Rules.requireUnarchived(archived, "cycle " + cycleId);
        if (status == CycleStatus.CLOSED) {
            throw new StateConflict("cycle " + cycleId + " is CLOSED; its policy is history");
        }
        if (!command.policy().equals(policy)) {
            adoption.adopt(cycleId, policy, command.policy(), command.overrideReason(), registry);
            apply(new CapacityPolicyChanged(cycleId, policy, command.policy()), because(command.reason()));
        }
    }

    @CommandHandler
    void handle(CommitPlan command) {
        Rules.requireUnarchived(archived, "cycle " + cycleId);
        if (!status.canCommit()) {
            throw new StateConflict("cycle " + cycleId + " is " + status + "; only a cycle in PLANNING can commit "
                                    + "its plan, and only once");
        }
        apply(new PlanCommitted(cycleId), because(command.reason()));
    }

    /**
     * Closes the cycle with the work it leaves unfinished, which the event records; leaving work unfinished needs a
     * reason. A commitment decided at the same time is either seen here or refused ({@link CycleCommitments}).
     */
    @CommandHandler
    void handle(CloseCycle command, PlanRegistry registry) {
        Rules.requireUnarchived(archived, "cycle " + cycleId);
        if (!status.canClose()) {
            throw new StateConflict("cycle " + cycleId + " is " + status + "; only a COMMITTED cycle can be closed");
        }
        List<UnfinishedInitiative> unfinished = registry.unfinishedWork(cycleId);
        if (!unfinished.isEmpty() && (command.reason() == null || command.reason().isBlank())) {
            throw new RuleViolated("reason", "cycle " + cycleId + " would close with " + unfinished.size()
                                             + " initiative" + (unfinished.size() == 1 ? "" : "s")
                                             + " unfinished: " + unfinished.stream().map(Cycle::describe)
                                                                           .collect(Collectors.joining("; "))
                                             + "; to close it leaving them unfinished, give a reason");
        }
        apply(new CycleClosed(cycleId, unfinished), because(command.reason()));
    }

    /** A commitment of one of the cycle's initiatives, which only a closed cycle refuses. */
    @CommandHandler
    void handle(RecordCommitment command) {
        if (status == CycleStatus.CLOSED) {
            throw new StateConflict("cycle " + cycleId + " is CLOSED; its plan takes no more commitments");
        }
        Rules.requireUnarchived(archived, "cycle " + cycleId);
        apply(new CommitmentRecorded(cycleId, command.initiativeId()));
    }

    private static String describe(UnfinishedInitiative initiative) {
        return initiative.initiativeId() + " ('" + initiative.title() + "', team " + initiative.teamId() + ", "
               + initiative.status() + ", " + initiative.allocatedPersonWeeks().stripTrailingZeros().toPlainString()
               + " person-weeks allocated)";
    }

    /** Archiving an archived cycle changes nothing; a committed plan is live, and closes first. */
    @CommandHandler
    void handle(ArchiveCycle command) {
        Rules.requireText("reason", command.reason(), Rules.MAX_REASON);
        if (archived) {
            return;
        }
        if (!status.canArchive()) {
            throw new StateConflict("cycle " + cycleId + " is " + status + "; only a cycle in PLANNING or CLOSED can "
                                    + "be archived: close it first");
        }
        apply(new CycleArchived(cycleId, status), because(command.reason()));
    }

    /** Restoring a cycle that is not archived changes nothing. */
    @CommandHandler
    void handle(RestoreCycle command) {
        Rules.requireText("reason", command.reason(), Rules.MAX_REASON);
        if (archived) {
            apply(new CycleRestored(cycleId, status), because(command.reason()));
        }
    }

    @EventSourcingHandler
    void on(CycleStarted event) {
        aggregateId = AggregateIds.cycle(event.cycleId());
        cycleId = event.cycleId();
        status = CycleStatus.after(status, event);
        policy = event.policy();
    }

    @EventSourcingHandler
    void on(CapacityPolicyChanged event) {
        policy = event.policy();
    }

    @EventSourcingHandler
    void on(PlanCommitted event) {
        status = CycleStatus.after(status, event);
    }

    @EventSourcingHandler
    void on(CycleClosed event) {
        status = CycleStatus.after(status, event);
    }

    @EventSourcingHandler
    void on(CycleArchived event) {
        archived = Archiving.after(archived, event);
    }

    @EventSourcingHandler
    void on(CycleRestored event) {
        archived = Archiving.after(archived, event);
    }
}
