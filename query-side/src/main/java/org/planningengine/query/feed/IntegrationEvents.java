package org.planningengine.query.feed;

import org.planningengine.events.capacity.CapacityAllocated;
import org.planningengine.events.capacity.CyclePolicyAdopted;
import org.planningengine.events.capacity.GuardrailOverridden;
import org.planningengine.events.capacity.TeamCapacitySet;
import org.planningengine.events.capacity.TeamPolicyOverridden;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.CapacityPolicyChanged;
import org.planningengine.events.cycle.CommitmentRecorded;
import org.planningengine.events.cycle.CycleClosed;
import org.planningengine.events.cycle.CycleStarted;
import org.planningengine.events.cycle.PlanCommitted;
import org.planningengine.events.initiative.DependencyAdded;
import org.planningengine.events.initiative.InitiativeCommitted;
import org.planningengine.events.initiative.InitiativeCompleted;
import org.planningengine.events.initiative.InitiativeDeferred;
import org.planningengine.events.initiative.InitiativeDropped;
import org.planningengine.events.initiative.InitiativeProposed;
import org.planningengine.events.initiative.InitiativeScored;
import org.planningengine.events.initiative.InitiativeStarted;
import org.planningengine.events.initiative.KeyResultLinked;
import org.planningengine.events.initiative.RiceInputs;
import org.planningengine.events.lesson.LessonRecorded;
import org.planningengine.events.okr.KeyResultAdded;
import org.planningengine.events.okr.ChildObjectiveCarriedForward;
import org.planningengine.events.okr.KeyResultUpdated;
import org.planningengine.events.okr.ObjectiveCarriedForward;
import org.planningengine.events.okr.ObjectiveGraded;
import org.planningengine.events.okr.ObjectiveRealigned;
import org.planningengine.events.okr.ObjectiveReviewed;
import org.planningengine.events.okr.ObjectiveRollupSet;
import org.planningengine.events.okr.ObjectiveSet;
import org.planningengine.events.team.TeamRegistered;
import org.planningengine.events.cycle.CycleArchived;
import org.planningengine.events.cycle.CycleRestored;
import org.planningengine.events.initiative.InitiativeArchived;
import org.planningengine.events.initiative.InitiativeRestored;
import org.planningengine.events.okr.ObjectiveArchived;
import org.planningengine.events.okr.ObjectiveRestored;
import org.planningengine.events.scenario.ScenarioApplied;
import org.planningengine.events.scenario.ScenarioDiscarded;
import org.planningengine.events.scenario.ScenarioForked;
import org.planningengine.events.scenario.ScenarioRenamed;
import org.planningengine.events.team.TeamArchived;
import org.planningengine.events.team.TeamRestored;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The public {@code data} of each event type, written out field by field: the feed's contract with other systems.
 * An event class may change its shape (a new revision, an upcaster); this mapping keeps what consumers see, and
 * raises a type's version only when that must change too. Enums are their names, dates and decimals their exact
 * text and digits; nulls are kept, so every event of a type has the same names.
 */
public final class IntegrationEvents {

    /** A type's public shape: its version and how its data is read from the event. */
    private record Shape(int version, Function<Object, Map<String, Object>> data) {
    }

    private static final Map<Class<?>, Shape> SHAPES = new LinkedHashMap<>();

    static {
        shape(CycleStarted.class, 1, e -> data("name", e.name(), "startDate", text(e.startDate()),
                                               "endDate", text(e.endDate()), "policy", policy(e.policy())));
        shape(CapacityPolicyChanged.class, 1, e -> data("previousPolicy", policy(e.previous()),
                                                        "policy", policy(e.policy())));
        shape(PlanCommitted.class, 1, e -> data());
        // 2: the close says the work it left unfinished (null for a close recorded before it was known)
        shape(CycleClosed.class, 2, e -> data("unfinished", e.unfinished() == null ? null : e.unfinished().stream()
                .map(unfinished -> data("initiativeId", unfinished.initiativeId(), "title", unfinished.title(),
                                        "teamId", unfinished.teamId(), "status", name(unfinished.status()),
                                        "allocatedPersonWeeks", unfinished.allocatedPersonWeeks()))
                .toList()));
        shape(CommitmentRecorded.class, 1, e -> data("initiativeId", e.initiativeId()));
        shape(TeamRegistered.class, 1, e -> data("name", e.name(), "parentId", e.parentId()));
        shape(TeamCapacitySet.class, 1, e -> data("previousPersonWeeks", e.previousPersonWeeks(),
                                                  "personWeeks", e.personWeeks()));
        shape(TeamPolicyOverridden.class, 1, e -> data("previousPolicy", policy(e.previous()),
                                                       "policy", policy(e.policy())));
        shape(CapacityAllocated.class, 1, e -> data("initiativeId", e.initiativeId(), "category", name(e.category()),
                                                    "previousPersonWeeks", e.previousPersonWeeks(),
                                                    "personWeeks", e.personWeeks()));
        shape(CyclePolicyAdopted.class, 1, e -> data("previousPolicy", policy(e.previous()),
                                                     "policy", policy(e.policy())));
        // 2: the override says its cause; initiativeId is null unless the cause is an allocation
        shape(GuardrailOverridden.class, 2, e -> data("cause", name(e.cause()),
                                                      "initiativeId", e.initiativeId(), "bucket", e.bucket(),
                                                      "targetShare", e.targetShare(), "tolerance", e.tolerance(),
                                                      "resultingShare", e.resultingShare()));
        shape(InitiativeProposed.class, 1, e -> data("title", e.title(), "description", e.description(),
                                                     "category", name(e.category())));
        shape(InitiativeScored.class, 1, e -> data("reach", e.rice().reach(), "impact", e.rice().impact(),
                                                   "confidence", e.rice().confidence(), "effort", e.rice().effort(),
                                                   "score", e.score(), "previous", rice(e.previous()),
                                                   "previousScore", e.previousScore()));
        shape(InitiativeCommitted.class, 1, e -> data());
        shape(InitiativeStarted.class, 1, e -> data());
        shape(InitiativeCompleted.class, 1, e -> data());
        shape(InitiativeDropped.class, 1, e -> data("fromStatus", name(e.fromStatus())));
        shape(InitiativeDeferred.class, 1, e -> data("fromCycleId", e.fromCycleId(), "toCycleId", e.toCycleId(),
                                                     "fromStatus", name(e.fromStatus())));
        shape(DependencyAdded.class, 1, e -> data("dependsOn", e.dependsOn()));
        shape(KeyResultLinked.class, 1, e -> data("objectiveId", e.objectiveId(), "keyResultId", e.keyResultId()));
        shape(ObjectiveSet.class, 1, e -> data("title", e.title(), "ownerTeamId", e.ownerTeamId(),
                                               "parentObjectiveId", e.parentObjectiveId(),
                                               "predecessorObjectiveId", e.predecessorObjectiveId()));
        shape(KeyResultAdded.class, 1, e -> data("keyResultId", e.keyResultId(), "title", e.title(),
                                                 "metric", e.metric(), "unit", e.unit(), "baseline", e.baseline(),
                                                 "target", e.target(), "direction", name(e.direction()),
                                                 "spaceDimension", name(e.spaceDimension())));
        // 2: the instant the value was measured, apart from when it was recorded (the event's "at")
        shape(KeyResultUpdated.class, 2, e -> data("keyResultId", e.keyResultId(),
                                                   "previousValue", e.previousValue(), "value", e.value(),
                                                   "previousProgress", e.previousProgress(),
                                                   "progress", e.progress(), "confidence", e.confidence(),
                                                   "comment", e.comment(), "measuredAt", text(e.measuredAt())));
        shape(ObjectiveRollupSet.class, 1, e -> data("mode", name(e.mode()),
                                                     "keyResultWeights", e.keyResultWeights(),
                                                     "childWeights", e.childWeights()));
        shape(ChildObjectiveCarriedForward.class, 1, e -> data("childObjectiveId", e.childObjectiveId(),
                                                               "toCycleId", e.toCycleId(),
                                                               "successorObjectiveId", e.successorObjectiveId()));
        shape(ObjectiveRealigned.class, 1, e -> data("previousParentObjectiveId", e.previousParentObjectiveId(),
                                                     "parentObjectiveId", e.parentObjectiveId()));
        shape(ObjectiveReviewed.class, 1, e -> data("outcome", name(e.outcome()), "changes", e.changes().stream()
                .map(change -> data("field", change.field().fieldName(), "from", change.from(), "to", change.to()))
                .toList()));
        shape(ObjectiveGraded.class, 1, e -> data("grade", e.grade(), "grades", e.grades().stream()
                .map(grade -> data("keyResultId", grade.keyResultId(), "grade", grade.grade(),
                                   "fromProgress", grade.fromProgress()))
                .toList()));
        shape(ObjectiveCarriedForward.class, 1, e -> data("toCycleId", e.toCycleId(),
                                                          "successorObjectiveId", e.successorObjectiveId(),
                                                          "keyResultIds", e.keyResultIds()));
        shape(LessonRecorded.class, 1, e -> data("subjectId", e.subjectId(), "text", e.text(), "tags", e.tags()));
        // archiving: the status the item had (and keeps) while hidden
        shape(CycleArchived.class, 1, e -> data("status", name(e.status())));
        shape(CycleRestored.class, 1, e -> data("status", name(e.status())));
        shape(TeamArchived.class, 1, e -> data());
        shape(TeamRestored.class, 1, e -> data());
        shape(InitiativeArchived.class, 1, e -> data("status", name(e.status())));
        shape(InitiativeRestored.class, 1, e -> data("status", name(e.status())));
        shape(ObjectiveArchived.class, 1, e -> data("status", name(e.status())));
        shape(ObjectiveRestored.class, 1, e -> data("status", name(e.status())));
        // scenarios: what-ifs of a cycle; their own writes are on their branches, never in the feed
        shape(ScenarioForked.class, 1, e -> data("cycleId", e.cycleId(), "name", e.name(),
                                                 "forkedAt", text(e.forkedAt()), "teamId", e.teamId()));
        shape(ScenarioRenamed.class, 1, e -> data("previousName", e.previousName(), "name", e.name()));
        shape(ScenarioDiscarded.class, 1, e -> data());
        shape(ScenarioApplied.class, 1, e -> data("commands", e.commands()));
    }

    /** The names of the types the feed carries, which its {@code types} filter takes. */
    public static final SortedSet<String> TYPES = SHAPES.keySet().stream().map(Class::getSimpleName)
            .collect(Collectors.collectingAndThen(Collectors.toCollection(TreeSet::new),
                                                  Collections::unmodifiableSortedSet));

    private IntegrationEvents() {
    }

    /** The event classes the feed has a public shape for. */
    public static Set<Class<?>> mapped() {
        return Collections.unmodifiableSet(SHAPES.keySet());
    }

    /** The version of the type's public shape and its data; empty for a type the feed does not carry. */
    static Optional<Map.Entry<Integer, Map<String, Object>>> of(Object payload) {
        Shape shape = SHAPES.get(payload.getClass());
        return shape == null ? Optional.empty() : Optional.of(Map.entry(shape.version(), shape.data().apply(payload)));
    }

    @SuppressWarnings("unchecked")
    private static <T> void shape(Class<T> type, int version, Function<T, Map<String, Object>> data) {
        SHAPES.put(type, new Shape(version, event -> data.apply((T) event)));
    }

    private static Map<String, Object> data(Object... namesAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            data.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return data;
    }

    private static Map<String, Object> policy(CapacityPolicy policy) {
        if (policy == null) {
            return null;
        }
        List<Map<String, Object>> buckets = policy.buckets().stream()
                .map(bucket -> data("name", bucket.name(), "share", bucket.share(),
                                    "categories", bucket.categories().stream().map(Enum::name).toList()))
                .toList();
        return data("buckets", buckets, "tolerance", policy.tolerance());
    }

    private static Map<String, Object> rice(RiceInputs rice) {
        return rice == null ? null : data("reach", rice.reach(), "impact", rice.impact(),
                                          "confidence", rice.confidence(), "effort", rice.effort());
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
