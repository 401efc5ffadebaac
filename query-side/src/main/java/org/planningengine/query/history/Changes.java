package org.planningengine.query.history;

import org.planningengine.events.Archiving;
import org.planningengine.events.capacity.CapacityAllocated;
import org.planningengine.events.capacity.GuardrailOverridden;
import org.planningengine.events.cycle.CapacityPolicyChanged;
import org.planningengine.events.cycle.CommitmentRecorded;
import org.planningengine.events.cycle.CycleClosed;
import org.planningengine.events.cycle.CycleStarted;
import org.planningengine.events.cycle.CycleStatus;
import org.planningengine.events.cycle.PlanCommitted;
import org.planningengine.events.initiative.DependencyAdded;
import org.planningengine.events.initiative.InitiativeCommitted;
import org.planningengine.events.initiative.InitiativeCompleted;
import org.planningengine.events.initiative.InitiativeDeferred;
import org.planningengine.events.initiative.InitiativeDropped;
import org.planningengine.events.initiative.InitiativeProposed;
import org.planningengine.events.initiative.InitiativeScored;
import org.planningengine.events.initiative.InitiativeStarted;
import org.planningengine.events.initiative.InitiativeStatus;
import org.planningengine.events.initiative.InitiativeTransition;
import org.planningengine.events.initiative.KeyResultLinked;
import org.planningengine.events.initiative.RiceInputs;
import org.planningengine.events.okr.ChildObjectiveCarriedForward;
import org.planningengine.events.okr.FieldChange;
import org.planningengine.events.okr.KeyResultAdded;
import org.planningengine.events.okr.KeyResultGrade;
import org.planningengine.events.okr.KeyResultUpdated;
import org.planningengine.events.okr.ObjectiveCarriedForward;
import org.planningengine.events.okr.ObjectiveGraded;
import org.planningengine.events.okr.ObjectiveRealigned;
import org.planningengine.events.okr.ObjectiveReviewed;
import org.planningengine.events.okr.ObjectiveRollupSet;
import org.planningengine.events.okr.ObjectiveSet;
import org.planningengine.events.okr.ObjectiveStatus;
import org.planningengine.events.okr.RollupMode;
import org.planningengine.events.team.TeamRegistered;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The values each event of a history changed, before and after. Most events carry both; a status change and a
 * roll-up's are told from what the history has reached, so one instance reads one history, in order. Archiving and
 * restoring change the flag {@code archived} alone.
 */
final class Changes {

    record Change(Map<String, Object> before, Map<String, Object> after) {
    }

    private String status;
    /** The roll-up the history has reached: every objective's progress is a plain mean until one is set. */
    private Map<String, Object> rollup = values("mode", RollupMode.MEAN.name(), "keyResultWeights", Map.of(),
                                                "childWeights", Map.of());

    Change of(Object event) {
        if (Archiving.ARCHIVED.contains(event.getClass()) || Archiving.RESTORED.contains(event.getClass())) {
            boolean archived = Archiving.after(false, event);
            return new Change(values("archived", !archived), values("archived", archived));
        }
        if (event instanceof InitiativeProposed proposed) {
            status = InitiativeTransition.after(null, event).name();
            return created(values("cycleId", proposed.cycleId(), "teamId", proposed.teamId(), "title",
                                  proposed.title(), "description", proposed.description(), "category",
                                  proposed.category().name(), "status", status));
        }
        if (event instanceof InitiativeScored scored) {
            return new Change(scored.previous() == null ? null : rice(scored.previous(), scored.previousScore()),
                              rice(scored.rice(), scored.score()));
        }
        if (event instanceof InitiativeCommitted || event instanceof InitiativeStarted
            || event instanceof InitiativeCompleted || event instanceof InitiativeDropped) {
            return statusTo(InitiativeTransition.after(InitiativeStatus.valueOf(status), event).name());
        }
        if (event instanceof InitiativeDeferred deferred) {
            String next = InitiativeTransition.after(InitiativeStatus.valueOf(status), event).name();
            Change change = new Change(values("cycleId", deferred.fromCycleId(), "status", status),
                                       values("cycleId", deferred.toCycleId(), "status", next));
            status = next;
            return change;
        }
        if (event instanceof DependencyAdded added) {
            return created(values("dependsOn", added.dependsOn()));
        }
        if (event instanceof KeyResultLinked linked) {
            return created(values("objectiveId", linked.objectiveId(), "keyResultId", linked.keyResultId()));
        }
        if (event instanceof CapacityAllocated allocated) {
            return new Change(values("cycleId", allocated.cycleId(), "teamId", allocated.teamId(), "personWeeks",
                                     allocated.previousPersonWeeks()),
                              values("cycleId", allocated.cycleId(), "teamId", allocated.teamId(), "personWeeks",
                                     allocated.personWeeks()));
        }
        if (event instanceof GuardrailOverridden overridden) {
            return created(values("cause", overridden.cause(), "bucket", overridden.bucket(), "targetShare",
                                  overridden.targetShare(),
                                  "tolerance", overridden.tolerance(), "resultingShare",
                                  overridden.resultingShare()));
        }
        return objectiveChange(event);
    }

    private Change cycleOrTeamChange(Object event) {
        if (event instanceof CycleStarted started) {
            status = CycleStatus.after(null, event).name();
            return created(values("name", started.name(), "startDate", started.startDate().toString(), "endDate",
                                  started.endDate().toString(), "status", status, "policy", started.policy()));
        }
        if (event instanceof CapacityPolicyChanged changed) {
            return new Change(values("policy", changed.previous()), values("policy", changed.policy()));
        }
        if (event instanceof PlanCommitted || event instanceof CycleClosed) {
            return statusTo(CycleStatus.after(CycleStatus.valueOf(status), event).name());
        }
        if (event instanceof CommitmentRecorded recorded) {
            return new Change(null, values("committedInitiativeId", recorded.initiativeId()));
        }
        if (event instanceof TeamRegistered registered) {
            return created(values("name", registered.name(), "parentId", registered.parentId()));
        }
        return new Change(null, null);
    }

    private Change objectiveChange(Object event) {
        if (event instanceof ObjectiveSet set) {
            status = ObjectiveStatus.after(null, event).name();
            return created(values("cycleId", set.cycleId(), "title", set.title(), "ownerTeamId", set.ownerTeamId(),
                                  "parentObjectiveId", set.parentObjectiveId(), "predecessorObjectiveId",
                                  set.predecessorObjectiveId(), "status", status));
        }
        if (event instanceof KeyResultAdded added) {
            return created(values("keyResultId", added.keyResultId(), "title", added.title(), "metric",
                                  added.metric(), "unit", added.unit(), "baseline", added.baseline(), "target",
                                  added.target(), "direction", added.direction().name(), "spaceDimension",
                                  added.spaceDimension() == null ? null : added.spaceDimension().name()));
        }
        if (event instanceof KeyResultUpdated updated) {
            return new Change(values("keyResultId", updated.keyResultId(), "value", updated.previousValue(),
                                     "progress", updated.previousProgress()),
                              values("keyResultId", updated.keyResultId(), "value", updated.value(), "progress",
                                     updated.progress(), "confidence", updated.confidence(), "comment",
                                     updated.comment(), "measuredAt", updated.measuredAt()));
        }
        if (event instanceof ObjectiveRollupSet set) {
            Change change = new Change(rollup, rollup(set));
            rollup = change.after();
            return change;
        }
        if (event instanceof ObjectiveRealigned realigned) {
            return new Change(values("parentObjectiveId", realigned.previousParentObjectiveId()),
                              values("parentObjectiveId", realigned.parentObjectiveId()));
        }
        if (event instanceof ChildObjectiveCarriedForward child) {
            return created(values("childObjectiveId", child.childObjectiveId(), "toCycleId", child.toCycleId(),
                                  "successorObjectiveId", child.successorObjectiveId()));
        }
        if (event instanceof ObjectiveReviewed reviewed) {
            Map<String, Object> before = values("status", status);
            Map<String, Object> after = values("outcome", reviewed.outcome().name());
            status = ObjectiveStatus.after(ObjectiveStatus.valueOf(status), event).name();
            after.put("status", status);
            for (FieldChange change : reviewed.changes()) {
                before.put(change.field().fieldName(), change.from());
                after.put(change.field().fieldName(), change.to());
            }
            return new Change(before, after);
        }
        if (event instanceof ObjectiveGraded graded) {
            Map<String, Object> grades = new LinkedHashMap<>();
            for (KeyResultGrade grade : graded.grades()) {
                grades.put(grade.keyResultId(), grade.grade());
            }
            String next = ObjectiveStatus.after(ObjectiveStatus.valueOf(status), event).name();
            Change change = new Change(values("status", status),
                                       values("status", next, "grade", graded.grade(), "grades", grades));
            status = next;
            return change;
        }
        if (event instanceof ObjectiveCarriedForward carried) {
            return created(values("toCycleId", carried.toCycleId(), "successorObjectiveId",
                                  carried.successorObjectiveId(), "keyResultIds", carried.keyResultIds()));
        }
        return cycleOrTeamChange(event);
    }

    private Change statusTo(String next) {
        Change change = new Change(values("status", status), values("status", next));
        status = next;
        return change;
    }

    private static Change created(Map<String, Object> after) {
        return new Change(null, after);
    }

    private static Map<String, Object> rollup(ObjectiveRollupSet set) {
        return values("mode", set.mode().name(), "keyResultWeights", new TreeMap<>(set.keyResultWeights()),
                      "childWeights", new TreeMap<>(set.childWeights()));
    }

    private static Map<String, Object> rice(RiceInputs rice, BigDecimal score) {
        return values("reach", rice.reach(), "impact", rice.impact(), "confidence", rice.confidence(), "effort",
                      rice.effort(), "score", score);
    }

    /** Field names and values, in order; nulls kept, so that a value that was not there shows as null. */
    private static Map<String, Object> values(Object... namesAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return values;
    }
}
