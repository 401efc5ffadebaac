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
import org.planningengine.events.AggregateIds;
import org.planningengine.events.capacity.CapacityAllocated;
import org.planningengine.events.capacity.CyclePolicyAdopted;
import org.planningengine.events.capacity.GuardrailOverridden;
import org.planningengine.events.capacity.GuardrailOverridden.Cause;
import org.planningengine.events.capacity.TeamCapacitySet;
import org.planningengine.events.capacity.TeamPolicyOverridden;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.PolicyBucket;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.InitiativeStatus;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.planningengine.command.Reasons.because;
import static org.planningengine.command.Rules.requireOpenCycle;

/**
 * One team's plan for one cycle: its capacity, its own policy if it took one, and its allocations. It is the
 * consistency boundary of the capacity guardrails: every allocation of the team in the cycle is a command on this one
 * aggregate, so two allocations that together exceed the capacity cannot both be appended (decision record 0004).
 * It comes into being with the first command for the team and cycle.
 */
@Aggregate(snapshotTriggerDefinition = CommandSideConfiguration.SNAPSHOT_TRIGGER,
           cache = CommandSideConfiguration.AGGREGATE_CACHE)
public class TeamCyclePlan {

    private record Allocation(Category category, BigDecimal personWeeks) {
    }

    /** A bucket above its limit: what it holds of the capacity, in person-weeks and in percent. */
    record Breach(PolicyBucket bucket, int tolerance, BigDecimal capacity, BigDecimal inBucket, BigDecimal limit,
                  BigDecimal share) {

        String describe(String teamId) {
            return "bucket '" + bucket.name() + "' of team " + teamId + " would hold " + PersonWeeks.show(inBucket)
                   + " of " + PersonWeeks.show(capacity) + " person-weeks (" + share.toPlainString()
                   + "%), above its limit of " + PersonWeeks.show(limit) + " person-weeks (its " + bucket.share()
                   + "% share plus " + tolerance + " points of tolerance)";
        }
    }

    @AggregateIdentifier
    private String aggregateId;
    private BigDecimal capacity = BigDecimal.ZERO;
    private CapacityPolicy ownPolicy;
    private Map<String, Allocation> allocations = new HashMap<>();

    protected TeamCyclePlan() {
    }

    /**
     * Sets the capacity. It cannot go below what is allocated (hard); lowered so far that the same allocations take a
     * bucket above its share plus tolerance of it (or further above), it passes only with an override reason, which
     * an override event per bucket records.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SetTeamCapacity command, PlanRegistry registry) {
        BigDecimal personWeeks = PersonWeeks.check("personWeeks", command.personWeeks());
        Rules.optionalText("override.reason", command.overrideReason(), Rules.MAX_REASON);
        CycleFacts cycle = requirePlan(command.cycleId(), command.teamId(), registry);
        BigDecimal allocated = allocated();
        if (personWeeks.compareTo(allocated) < 0) {
            throw new RuleViolated("personWeeks", "team " + command.teamId() + " has " + PersonWeeks.show(allocated)
                                                  + " person-weeks allocated in cycle " + command.cycleId()
                                                  + "; its capacity cannot go below that (was "
                                                  + PersonWeeks.show(personWeeks) + "): release "
                                                  + PersonWeeks.show(allocated.subtract(personWeeks)) + " first");
        }
        if (personWeeks.compareTo(capacity) == 0 && aggregateId != null) {
            return;
        }
        List<Breach> breaches = personWeeks.compareTo(capacity) < 0
                                ? over(personWeeks, policyIn(cycle), allocations) : List.of();
        requireOverride(command.teamId(), breaches, command.overrideReason(), "to set the capacity anyway");
        apply(new TeamCapacitySet(command.cycleId(), command.teamId(), capacity, personWeeks),
              because(command.reason()));
        recordOverrides(command.cycleId(), command.teamId(), Cause.CAPACITY_LOWERED, null, breaches,
                        command.overrideReason());
    }

    /**
     * Gives the team a policy of its own. One that lowers the limit of a bucket the allocations already take above
     * it passes only with an override reason, which an override event per bucket records.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(OverrideTeamPolicy command, PlanRegistry registry) {
        PolicyRules.check(command.policy());
        Rules.requireText("reason", command.reason(), Rules.MAX_REASON);
        Rules.optionalText("override.reason", command.overrideReason(), Rules.MAX_REASON);
        CycleFacts cycle = requirePlan(command.cycleId(), command.teamId(), registry);
        List<Breach> breaches = putOver(policyIn(cycle), command.policy());
        requireOverride(command.teamId(), breaches, command.overrideReason(), "to take this policy anyway");
        apply(new TeamPolicyOverridden(command.cycleId(), command.teamId(), ownPolicy, command.policy()),
              because(command.reason()));
        recordOverrides(command.cycleId(), command.teamId(), Cause.TEAM_POLICY_CHANGED, null, breaches,
                        command.overrideReason());
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
        List<Breach> breaches = List.of();
        if (personWeeks.compareTo(previous.personWeeks()) > 0) {
            Map<String, Allocation> after = new HashMap<>(allocations);
            after.put(command.initiativeId(), new Allocation(previous.category(), personWeeks));
            breaches = over(capacity, policyIn(cycle), after).stream()
                    .filter(breach -> breach.bucket().categories().contains(previous.category())).toList();
        }
        requireOverride(command.teamId(), breaches, command.overrideReason(), "to allocate anyway");
        apply(new CapacityAllocated(command.cycleId(), command.teamId(), command.initiativeId(),
                                    previous.category(), previous.personWeeks(), personWeeks),
              because(command.reason()));
        recordOverrides(command.cycleId(), command.teamId(), Cause.ALLOCATION, command.initiativeId(), breaches,
                        command.overrideReason());
    }

    /**
     * The cycle's policy changed, and this plan follows it (it has none of its own): it adopts the new one, in the
     * unit of work of the change ({@link CyclePolicyAdoption}), with an override event for each bucket the new
     * policy takes over its limit, which {@link #breachesUnderCyclePolicy} found and the change was allowed to pass.
     * A plan with a policy of its own is not touched.
     */
    void adopt(String cycleId, String teamId, CapacityPolicy previous, CapacityPolicy policy, String overrideReason) {
        if (ownPolicy != null) {
            return;
        }
        List<Breach> breaches = putOver(previous, policy);
        apply(new CyclePolicyAdopted(cycleId, teamId, previous, policy));
        recordOverrides(cycleId, teamId, Cause.CYCLE_POLICY_CHANGED, null, breaches, overrideReason);
    }

    /** What the cycle's change from {@code previous} to {@code policy} would take over, none when it has its own. */
    List<Breach> breachesUnderCyclePolicy(CapacityPolicy previous, CapacityPolicy policy) {
        return ownPolicy != null ? List.of() : putOver(previous, policy);
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

    /** The policy the plan is under: its own, or else its cycle's. */
    private CapacityPolicy policyIn(CycleFacts cycle) {
        return ownPolicy != null ? ownPolicy : cycle.policy();
    }

    /**
     * The buckets that going from policy {@code before} to {@code after} takes over their limit: over it under
     * {@code after}, with a lower limit than the bucket of the same categories had (or no such bucket before).
     */
    private List<Breach> putOver(CapacityPolicy before, CapacityPolicy after) {
        return over(capacity, after, allocations).stream().filter(breach -> before.buckets().stream().noneMatch(
                old -> Set.copyOf(old.categories()).equals(Set.copyOf(breach.bucket().categories()))
                       && old.share() + before.tolerance() <= breach.bucket().share() + after.tolerance()))
                .toList();
    }

    /** The buckets whose allocations are above their share plus tolerance of the capacity, in the policy's order. */
    private static List<Breach> over(BigDecimal capacity, CapacityPolicy policy, Map<String, Allocation> allocations) {
        List<Breach> over = new ArrayList<>();
        for (PolicyBucket bucket : policy.buckets()) {
            BigDecimal inBucket = allocations.values().stream()
                    .filter(allocation -> bucket.categories().contains(allocation.category()))
                    .map(Allocation::personWeeks).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal limit = capacity.multiply(BigDecimal.valueOf(bucket.share() + policy.tolerance()))
                                       .divide(BigDecimal.valueOf(100));
            if (inBucket.compareTo(limit) > 0) {
                // Above a limit, so the capacity is above 0. 50, not 5E+1.
                BigDecimal share = inBucket.multiply(BigDecimal.valueOf(100))
                                           .divide(capacity, 4, RoundingMode.HALF_UP).stripTrailingZeros();
                share = share.scale() < 0 ? share.setScale(0) : share;
                over.add(new Breach(bucket, policy.tolerance(), capacity, inBucket, limit, share));
            }
        }
        return over;
    }

    /** Refuses the change when it takes buckets over their limits and no override reason is given, naming each. */
    private static void requireOverride(String teamId, List<Breach> breaches, String overrideReason, String toDoIt) {
        if (!breaches.isEmpty() && (overrideReason == null || overrideReason.isBlank())) {
            throw new RuleViolated("override.reason", breaches.stream().map(breach -> breach.describe(teamId))
                                                              .collect(Collectors.joining("; "))
                                                      + "; " + toDoIt + ", give override.reason");
        }
    }

    private static void recordOverrides(String cycleId, String teamId, Cause cause, String initiativeId,
                                        List<Breach> breaches, String overrideReason) {
        for (Breach breach : breaches) {
            apply(new GuardrailOverridden(cycleId, teamId, cause, initiativeId, breach.bucket().name(),
                                          breach.bucket().share(), breach.tolerance(), breach.share()),
                  because(overrideReason));
        }
    }

    @EventSourcingHandler
    void on(TeamCapacitySet event) {
        identify(event.cycleId(), event.teamId());
        capacity = event.personWeeks();
    }

    @EventSourcingHandler
    void on(CyclePolicyAdopted event) {
        identify(event.cycleId(), event.teamId());
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
