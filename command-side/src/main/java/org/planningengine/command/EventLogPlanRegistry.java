package org.planningengine.command;

import org.axonframework.eventhandling.DomainEventMessage;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.Archiving;
import org.planningengine.events.capacity.CapacityAllocated;
import org.planningengine.events.cycle.CapacityPolicyChanged;
import org.planningengine.events.cycle.CycleStarted;
import org.planningengine.events.cycle.CycleStatus;
import org.planningengine.events.cycle.UnfinishedInitiative;
import org.planningengine.events.initiative.DependencyAdded;
import org.planningengine.events.initiative.InitiativeDeferred;
import org.planningengine.events.initiative.InitiativeProposed;
import org.planningengine.events.initiative.InitiativeStatus;
import org.planningengine.events.initiative.InitiativeTransition;
import org.planningengine.events.okr.FieldChange;
import org.planningengine.events.okr.KeyResultAdded;
import org.planningengine.events.okr.ObjectiveField;
import org.planningengine.events.okr.ObjectiveRealigned;
import org.planningengine.events.okr.ObjectiveReviewed;
import org.planningengine.events.okr.ObjectiveSet;
import org.planningengine.events.scenario.ScenarioForked;
import org.planningengine.events.scenario.ScenarioRenamed;
import org.planningengine.events.scenario.ScenarioStatus;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link PlanRegistry} on the event log: an aggregate exists when it has a first event, and its state is folded from
 * its events, read from the storage engine itself so that no snapshot stands in for them.
 */
@Component
public class EventLogPlanRegistry implements PlanRegistry {

    /** The stored names of the events that put an initiative in a cycle. */
    private static final List<String> ENTERING_A_CYCLE = List.of(InitiativeProposed.class.getName(),
                                                                 InitiativeDeferred.class.getName());

    private final MongoEventLog log;

    public EventLogPlanRegistry(MongoEventLog log) {
        this.log = log;
    }

    /** Existence alone is one key lookup, without reading the team's events. */
    @Override
    public boolean teamExists(String teamId) {
        return log.lastSequenceNumberFor(AggregateIds.team(teamId)).isPresent();
    }

    @Override
    public Optional<TeamFacts> team(String teamId) {
        List<Object> events = events(AggregateIds.team(teamId));
        if (events.isEmpty()) {
            return Optional.empty();
        }
        boolean archived = false;
        for (Object event : events) {
            archived = Archiving.after(archived, event);
        }
        return Optional.of(new TeamFacts(archived));
    }

    @Override
    public Optional<CycleFacts> cycle(String cycleId) {
        return cycleOf(events(AggregateIds.cycle(cycleId)));
    }

    @Override
    public Optional<CycleFacts> cycleAt(String cycleId, Instant at) {
        return cycleOf(log.readEvents(AggregateIds.cycle(cycleId)).asStream()
                          .takeWhile(event -> !event.getTimestamp().isAfter(at))
                          .map(DomainEventMessage::getPayload).map(Object.class::cast).toList());
    }

    @Override
    public Optional<ScenarioFacts> scenario(String scenarioId) {
        ScenarioFacts facts = null;
        for (Object event : events(AggregateIds.scenario(scenarioId))) {
            if (event instanceof ScenarioForked forked) {
                facts = new ScenarioFacts(forked.cycleId(), forked.name(), forked.forkedAt(), forked.teamId(),
                                          ScenarioStatus.after(null, event));
            } else if (facts != null) {
                String name = event instanceof ScenarioRenamed renamed ? renamed.name() : facts.name();
                facts = new ScenarioFacts(facts.cycleId(), name, facts.forkedAt(), facts.teamId(),
                                          ScenarioStatus.after(facts.status(), event));
            }
        }
        return Optional.ofNullable(facts);
    }

    private static Optional<CycleFacts> cycleOf(List<Object> events) {
        CycleFacts facts = null;
        for (Object event : events) {
            if (event instanceof CycleStarted started) {
                facts = new CycleFacts(CycleStatus.after(null, event), started.startDate(), started.endDate(),
                                       started.policy(), false);
            } else if (event instanceof CapacityPolicyChanged changed) {
                facts = new CycleFacts(facts.status(), facts.startDate(), facts.endDate(), changed.policy(),
                                       facts.archived());
            } else if (facts != null) {
                facts = new CycleFacts(CycleStatus.after(facts.status(), event), facts.startDate(), facts.endDate(),
                                       facts.policy(), Archiving.after(facts.archived(), event));
            }
        }
        return Optional.ofNullable(facts);
    }

    @Override
    public Optional<InitiativeFacts> initiative(String initiativeId) {
        InitiativeFacts facts = null;
        Set<String> dependsOn = new HashSet<>();
        for (Object event : events(AggregateIds.initiative(initiativeId))) {
            if (event instanceof InitiativeProposed proposed) {
                facts = new InitiativeFacts(proposed.cycleId(), proposed.teamId(), proposed.category(),
                                            InitiativeTransition.after(null, event), dependsOn, false);
            } else if (event instanceof DependencyAdded added) {
                dependsOn.add(added.dependsOn());
            } else if (facts != null) {
                String cycleId = event instanceof InitiativeDeferred deferred ? deferred.toCycleId()
                                                                              : facts.cycleId();
                InitiativeStatus status = InitiativeTransition.after(facts.status(), event);
                facts = new InitiativeFacts(cycleId, facts.teamId(), facts.category(), status, dependsOn,
                                            Archiving.after(facts.archived(), event));
            }
        }
        return Optional.ofNullable(facts);
    }

    @Override
    public Optional<ObjectiveFacts> objective(String objectiveId) {
        ObjectiveFacts facts = null;
        Set<String> keyResultIds = new LinkedHashSet<>();
        for (Object event : events(AggregateIds.objective(objectiveId))) {
            if (event instanceof ObjectiveSet set) {
                facts = new ObjectiveFacts(set.cycleId(), set.ownerTeamId(), set.parentObjectiveId(), keyResultIds,
                                           false);
            } else if (event instanceof KeyResultAdded added) {
                keyResultIds.add(added.keyResultId());
            } else if (event instanceof ObjectiveRealigned realigned) {
                facts = new ObjectiveFacts(facts.cycleId(), facts.ownerTeamId(), realigned.parentObjectiveId(),
                                           keyResultIds, facts.archived());
            } else if (event instanceof ObjectiveReviewed reviewed) {
                for (FieldChange change : reviewed.changes()) {
                    if (change.field() == ObjectiveField.PARENT) {
                        facts = new ObjectiveFacts(facts.cycleId(), facts.ownerTeamId(), change.to(), keyResultIds,
                                                   facts.archived());
                    } else if (change.field() == ObjectiveField.OWNER_TEAM) {
                        facts = new ObjectiveFacts(facts.cycleId(), change.to(), facts.parentObjectiveId(),
                                                   keyResultIds, facts.archived());
                    }
                }
            } else if (facts != null) {
                facts = new ObjectiveFacts(facts.cycleId(), facts.ownerTeamId(), facts.parentObjectiveId(),
                                           keyResultIds, Archiving.after(facts.archived(), event));
            }
        }
        return Optional.ofNullable(facts);
    }

    @Override
    public List<String> teamsWithPlans(String cycleId) {
        String prefix = AggregateIds.teamPlan(cycleId, "");
        return log.aggregatesStartingWith(prefix).stream().map(id -> id.substring(prefix.length())).sorted().toList();
    }

    /**
     * Candidates are the initiatives with a proposal or deferral that names the cycle as stored; each one's own
     * events then say whether it is in the cycle, and unfinished, now.
     */
    @Override
    public List<UnfinishedInitiative> unfinishedWork(String cycleId) {
        List<UnfinishedInitiative> unfinished = new ArrayList<>();
        String prefix = AggregateIds.initiative("");
        for (String aggregateId : log.aggregatesMentioning(ENTERING_A_CYCLE, "\"" + cycleId + "\"")) {
            String initiativeId = aggregateId.substring(prefix.length());
            String title = null;
            for (Object event : events(aggregateId)) {
                if (event instanceof InitiativeProposed proposed) {
                    title = proposed.title();
                }
            }
            String titled = title;
            initiative(initiativeId).filter(facts -> facts.cycleId().equals(cycleId))
                    .filter(facts -> facts.status() == InitiativeStatus.COMMITTED
                                     || facts.status() == InitiativeStatus.IN_PROGRESS)
                    .ifPresent(facts -> unfinished.add(new UnfinishedInitiative(
                            initiativeId, titled, facts.teamId(), facts.status(),
                            allocated(cycleId, facts.teamId(), initiativeId))));
        }
        unfinished.sort(Comparator.comparing(UnfinishedInitiative::initiativeId));
        return unfinished;
    }

    /** What the team's plan for the cycle allocates to the initiative now: 0 when nothing. */
    private BigDecimal allocated(String cycleId, String teamId, String initiativeId) {
        BigDecimal allocated = BigDecimal.ZERO;
        for (Object event : events(AggregateIds.teamPlan(cycleId, teamId))) {
            if (event instanceof CapacityAllocated allocation && allocation.initiativeId().equals(initiativeId)) {
                allocated = allocation.personWeeks();
            }
        }
        return allocated;
    }

    private List<Object> events(String aggregateId) {
        return log.readEvents(aggregateId).asStream().map(DomainEventMessage::getPayload).map(Object.class::cast)
                  .toList();
    }

}
