package org.planningengine.events;

import org.planningengine.events.capacity.CapacityAllocated;
import org.planningengine.events.capacity.GuardrailOverridden;
import org.planningengine.events.capacity.TeamCapacitySet;
import org.planningengine.events.capacity.TeamPolicyOverridden;
import org.planningengine.events.cycle.CapacityPolicyChanged;
import org.planningengine.events.cycle.CycleArchived;
import org.planningengine.events.cycle.CycleClosed;
import org.planningengine.events.cycle.CycleRestored;
import org.planningengine.events.cycle.PlanCommitted;
import org.planningengine.events.initiative.InitiativeArchived;
import org.planningengine.events.initiative.InitiativeCommitted;
import org.planningengine.events.initiative.InitiativeCompleted;
import org.planningengine.events.initiative.InitiativeDeferred;
import org.planningengine.events.initiative.InitiativeDropped;
import org.planningengine.events.initiative.InitiativeRestored;
import org.planningengine.events.initiative.InitiativeScored;
import org.planningengine.events.initiative.InitiativeStarted;
import org.planningengine.events.okr.ObjectiveArchived;
import org.planningengine.events.okr.ObjectiveCarriedForward;
import org.planningengine.events.okr.ObjectiveGraded;
import org.planningengine.events.okr.ObjectiveRestored;
import org.planningengine.events.okr.ObjectiveReviewed;
import org.planningengine.events.team.TeamArchived;
import org.planningengine.events.team.TeamRestored;

import java.util.Set;

/**
 * The events that are decisions: a change of priority, plan or commitment (archiving and restoring among them: what
 * the plan shows). The decision log records them, and the planning metrics count them.
 */
public final class Decisions {

    public static final Set<Class<?>> TYPES = Set.of(
            InitiativeScored.class, InitiativeCommitted.class, InitiativeStarted.class, InitiativeCompleted.class,
            InitiativeDropped.class, InitiativeDeferred.class,
            TeamCapacitySet.class, TeamPolicyOverridden.class, CapacityAllocated.class, GuardrailOverridden.class,
            CapacityPolicyChanged.class, PlanCommitted.class, CycleClosed.class,
            ObjectiveReviewed.class, ObjectiveGraded.class, ObjectiveCarriedForward.class,
            CycleArchived.class, CycleRestored.class, TeamArchived.class, TeamRestored.class,
            InitiativeArchived.class, InitiativeRestored.class, ObjectiveArchived.class, ObjectiveRestored.class);

    private Decisions() {
    }

    public static boolean isDecision(Class<?> eventType) {
        return TYPES.contains(eventType);
    }
}
