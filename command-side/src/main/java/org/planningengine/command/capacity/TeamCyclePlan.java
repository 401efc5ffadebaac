package org.planningengine.command.capacity;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.planningengine.command.CommandSideConfiguration;
import org.planningengine.command.PlanRegistry.CycleFacts;
import org.planningengine.command.PlanRegistry.InitiativeFacts;
import org.planningengine.command.PlanRegistry;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.Rules;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.command.cycle.PolicyRules;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.capacity.CapacityAllocated;
import org.planningengine.events.capacity.GuardrailOverridden;
import org.planningengine.events.capacity.TeamCapacitySet;
import org.planningengine.events.capacity.TeamPolicyOverridden;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.PolicyBucket;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.InitiativeStatus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.planningengine.command.Reasons.because;
import static org.planningengine.command.Rules.requireOpenCycle;

/**
 * One team's plan for one cycle: its capacity, its own policy if it took one, and its allocations. It is the
 * consistency boundary of the capacity guardrails: every allocation of the team in the cycle is a command on this one
 * aggregate, so two allocations that together exceed the capacity cannot both be appended (decision record 0004).
 * It comes into being with the first command for the team and cycle.
 */
@Aggregate(snapshotTriggerDefinition = CommandSideConfiguration.SNAPSHOT_TRIGGER)
public class TeamCyclePlan {

    private record Allocation(Category category, BigDecimal personWeeks) {
    }

    @AggregateIdentifier
    private String aggregateId;
    private BigDecimal capacity = BigDecimal.ZERO;
    private CapacityPolicy ownPolicy;
    private Map<String, Allocation> allocations = new HashMap<>();

    protected TeamCyclePlan() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SetTeamCapacity command, PlanRegistry registry) {
        BigDecimal personWeeks = PersonWeeks.check("personWeeks", command.personWeeks());
        requirePlan(command.cycleId(), command.teamId(), registry);
        BigDecimal allocated = allocated();
        if (personWeeks.compareTo(allocated) < 0) {
            throw new RuleViolated("personWeeks", "team " + command.teamId() + " has " + PersonWeeks.show(allocated)
                                                  + " person-weeks allocated in cycle " + command.cycleId()
                                                  + "; its capacity cannot go below that (was "
                                                  + PersonWeeks.show(personWeeks) + "): release "
                                                  + PersonWeeks.show(allocated.subtract(personWeeks)) + " first");
        }
        if (personWeeks.compareTo(capacity) != 0 || aggregateId == null) {
            apply(new TeamCapacitySet(command.cycleId(), command.teamId(), capacity, personWeeks),
                  because(command.reason()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(OverrideTeamPolicy command, PlanRegistry registry) {
        PolicyRules.check(command.policy());
        Rules.requireText("reason", command.reason(), Rules.MAX_REASON);
        requirePlan(command.cycleId(), command.teamId(), registry);
        apply(new TeamPolicyOverridden(command.cycleId(), command.teamId(), ownPolicy, command.policy()),
              because(command.reason()));
    }

    /**
     * Sets one initiative's allocation. The capacity is a hard limit; a bucket's share plus tolerance is a soft one,
     * passed only with a reason, which its own event records. Releasing (down to 0) is always allowed, also for an
     * initiative since dropped, done or deferred.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(AllocateCapacity command, PlanRegistry registry) {
        BigDecimal personWeeks = PersonWeeks.check("personWeeks", command.personWeeks());
        Rules.requireSlug("initiativeId", command.initiativeId());
        Rules.optionalText("override.reason", command.overrideReason(), Rules.MAX_REASON);
        CycleFacts cycle = personWeeks.signum() > 0 ? requirePlan(command.cycleId(), command.teamId(), registry)
                                                    : requireReleasable(command.cycleId(), command.teamId(), registry);
        InitiativeFacts initiative = registry.initiative(command.initiativeId()).orElseThrow(
                () -> new UnknownReference("initiativeId", "initiative " + command.initiativeId()
                                                           + " does not exist"));
        Allocation previous = allocations.getOrDefault(command.initiativeId(),
                                                       new Allocation(initiative.category(), BigDecimal.ZERO));
        if (personWeeks.compareTo(previous.personWeeks()) == 0) {
            if (aggregateId == null) {
                throw new UnknownReference("teamId", "team " + command.teamId() + " has no capacity in cycle "
                                                     + command.cycleId() + " yet: nothing is allocated to release");
            }
            return;
        }
        if (personWeeks.signum() > 0) {
            requireAllocatable(command, initiative);
        }
        BigDecimal allocated = allocated().subtract(previous.personWeeks()).add(personWeeks);
        if (allocated.compareTo(capacity) > 0) {
            throw new RuleViolated("personWeeks", "team " + command.teamId() + " has " + PersonWeeks.show(capacity)
                                                  + " person-weeks in cycle " + command.cycleId() + "; allocating "
                                                  + PersonWeeks.show(personWeeks) + " to " + command.initiativeId()
                                                  + " would take its allocations to " + PersonWeeks.show(allocated)
                                                  + ", " + PersonWeeks.show(allocated.subtract(capacity))
                                                  + " over capacity");
        }
        CapacityPolicy policy = ownPolicy != null ? ownPolicy : cycle.policy();
        PolicyBucket bucket = bucketOf(policy, previous.category());
        BigDecimal inBucket = allocatedIn(bucket).subtract(previous.personWeeks()).add(personWeeks);
        BigDecimal limit = capacity.multiply(BigDecimal.valueOf(bucket.share() + policy.tolerance()))
                                   .divide(BigDecimal.valueOf(100));
        boolean abovePolicy = personWeeks.compareTo(previous.personWeeks()) > 0 && inBucket.compareTo(limit) > 0;
        // Only reached with allocations within a capacity above 0.
        BigDecimal share = inBucket.multiply(BigDecimal.valueOf(100)).divide(capacity, 4, RoundingMode.HALF_UP)
                                   .stripTrailingZeros();
        if (abovePolicy && (command.overrideReason() == null || command.overrideReason().isBlank())) {
            throw new RuleViolated("override.reason", "bucket '" + bucket.name() + "' of team " + command.teamId()
                                                      + " would hold " + PersonWeeks.show(inBucket) + " of "
                                                      + PersonWeeks.show(capacity) + " person-weeks ("
                                                      + share.toPlainString() + "%), above its " + bucket.share()
                                                      + "% share plus " + policy.tolerance()
                                                      + " points of tolerance; to allocate anyway, give "
                                                      + "override.reason");
        }
        apply(new CapacityAllocated(command.cycleId(), command.teamId(), command.initiativeId(),
                                    previous.category(), previous.personWeeks(), personWeeks),
              because(command.reason()));
        if (abovePolicy) {
            apply(new GuardrailOverridden(command.cycleId(), command.teamId(), command.initiativeId(), bucket.name(),
                                          bucket.share(), policy.tolerance(), share),
                  because(command.overrideReason()));
        }
    }

    /**
     * Gives back the initiative's allocation because of a decision on the initiative, in a closed cycle too (its work
     * can still be dropped or deferred there); nothing when it has none. Never refused by a guardrail: it only lowers.
     */
    @CommandHandler
    void handle(ReleaseAllocation command) {
        // The engine writes this reason: the decision's own, which passed its limit, after the decision's name.
        Rules.requireText("reason", command.reason(), Rules.MAX_LONG_TEXT);
        Allocation allocation = allocations.get(command.initiativeId());
        if (allocation != null) {
            apply(new CapacityAllocated(command.cycleId(), command.teamId(), command.initiativeId(),
                                        allocation.category(), allocation.personWeeks(), BigDecimal.ZERO),
                  because(command.reason()));
        }
    }

    /** The cycle (open) and the team (registered, not archived) this plan is for, when it takes new work. */
    private static CycleFacts requirePlan(String cycleId, String teamId, PlanRegistry registry) {
        CycleFacts cycle = requireOpenCycle("cycleId", cycleId, registry);
        Rules.requireWorkingTeam("teamId", teamId, registry);
        return cycle;
    }

    /** The cycle (open) and the team (registered) of a release: an archived team gives capacity back too. */
    private static CycleFacts requireReleasable(String cycleId, String teamId, PlanRegistry registry) {
        CycleFacts cycle = requireOpenCycle("cycleId", cycleId, registry);
        if (!registry.teamExists(teamId)) {
            throw new UnknownReference("teamId", "team " + teamId + " does not exist");
        }
        return cycle;
    }

    private static void requireAllocatable(AllocateCapacity command, InitiativeFacts initiative) {
        if (!initiative.teamId().equals(command.teamId())) {
            throw new RuleViolated("initiativeId", "initiative " + command.initiativeId() + " belongs to team "
                                                   + initiative.teamId() + ", not " + command.teamId());
        }
        if (!initiative.cycleId().equals(command.cycleId())) {
            throw new RuleViolated("initiativeId", "initiative " + command.initiativeId() + " is in cycle "
                                                   + initiative.cycleId() + ", not " + command.cycleId());
        }
        if (initiative.status() == InitiativeStatus.DROPPED || initiative.status() == InitiativeStatus.DONE) {
            throw new StateConflict("initiative " + command.initiativeId() + " is " + initiative.status()
                                    + "; capacity goes only to work still to do (releasing it is allowed)");
        }
        if (initiative.archived()) {
            throw new StateConflict("initiative " + command.initiativeId() + " is archived; capacity goes only to "
                                    + "work still to do (releasing it is allowed)");
        }
    }

    private BigDecimal allocated() {
        return allocations.values().stream().map(Allocation::personWeeks).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private BigDecimal allocatedIn(PolicyBucket bucket) {
        return allocations.values().stream().filter(allocation -> bucket.categories().contains(allocation.category()))
                          .map(Allocation::personWeeks).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static PolicyBucket bucketOf(CapacityPolicy policy, Category category) {
        return policy.buckets().stream().filter(bucket -> bucket.categories().contains(category)).findFirst()
                     .orElseThrow(() -> new IllegalStateException("a valid policy has a bucket for " + category));
    }

    @EventSourcingHandler
    void on(TeamCapacitySet event) {
        identify(event.cycleId(), event.teamId());
        capacity = event.personWeeks();
    }

    @EventSourcingHandler
    void on(TeamPolicyOverridden event) {
        identify(event.cycleId(), event.teamId());
        ownPolicy = event.policy();
    }

    @EventSourcingHandler
    void on(CapacityAllocated event) {
        identify(event.cycleId(), event.teamId());
        if (event.personWeeks().signum() == 0) {
            allocations.remove(event.initiativeId());
        } else {
            allocations.put(event.initiativeId(), new Allocation(event.category(), event.personWeeks()));
        }
    }

    private void identify(String cycleId, String teamId) {
        aggregateId = AggregateIds.teamPlan(cycleId, teamId);
    }
}
