package org.planningengine.query.decision;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.Decisions;
import org.planningengine.events.EventMetadata;
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
import org.planningengine.events.initiative.InitiativeProposed;
import org.planningengine.events.initiative.InitiativeRestored;
import org.planningengine.events.initiative.InitiativeScored;
import org.planningengine.events.initiative.InitiativeStarted;
import org.planningengine.events.okr.ObjectiveArchived;
import org.planningengine.events.okr.ObjectiveCarriedForward;
import org.planningengine.events.okr.ObjectiveGraded;
import org.planningengine.events.okr.ObjectiveRestored;
import org.planningengine.events.okr.ObjectiveReviewed;
import org.planningengine.events.okr.ObjectiveSet;
import org.planningengine.events.team.TeamArchived;
import org.planningengine.events.team.TeamRestored;
import org.planningengine.query.views.AggregateViews;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.ViewTime;
import org.planningengine.query.views.ViewScope;
import org.planningengine.query.views.ViewWrites;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The decision log: one document per decision (a change of priority, plan or commitment, archiving among them), with
 * its cycle, subject, time, actor, type, reason and the values it decided (the score and its inputs, the person-weeks,
 * the target cycle, the review's changes, the grades…), taken from the event alone so that a replay gives the same.
 * Keyed by the event's id, so a redelivered event writes the same document again.
 */
@Component
@ProcessingGroup(PlanProgress.GROUP)
public class DecisionProjection {

    public static final String COLLECTION = "view_decisions";
    public static final String RESCORE = "rescore";
    public static final String VALUES = "values";
    /** The scenario a decision was applied from; null for one made on the plan. */
    public static final String SCENARIO = "scenarioId";
    /** The names of the events the log records (the decisions), which its type filter takes. */
    public static final SortedSet<String> TYPES = Decisions.TYPES.stream().map(Class::getSimpleName)
            .collect(Collectors.collectingAndThen(Collectors.toCollection(TreeSet::new),
                                                  Collections::unmodifiableSortedSet));

    /**
     * The cycle each initiative and objective is in, kept from their own events (with its versions, as of any
     * instant), so that the decision log reads no other projection's views.
     */
    public static final String SUBJECTS = "view_decision_subjects";

    private final MongoDatabase database;
    private final AggregateViews subjects;

    public DecisionProjection(MongoDatabase planningDatabase) {
        this.database = planningDatabase;
        MongoCollection<Document> decisions = planningDatabase.getCollection(COLLECTION);
        this.subjects = new AggregateViews(planningDatabase, SUBJECTS);
        // Served from these on a real MongoDB; the embedded server scans (the log of one organisation is small).
        decisions.createIndex(Indexes.compoundIndex(Indexes.ascending("cycleId"), Indexes.descending("at")),
                              new IndexOptions().name("cycle_time"));
    }

    @EventHandler
    void on(InitiativeProposed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        subjects.apply(AggregateIds.initiative(event.initiativeId()), sequence, at,
                       subject -> subject.put("cycleId", event.cycleId()));
    }

    @EventHandler
    void on(ObjectiveSet event, @SequenceNumber long sequence, @Timestamp Instant at) {
        subjects.apply(AggregateIds.objective(event.objectiveId()), sequence, at,
                       subject -> subject.put("cycleId", event.cycleId()));
    }

    /** A score that replaced another is a re-score: the retrospective counts them as churn. */
    @EventHandler
    void on(InitiativeScored event, EventMessage<?> message) {
        String cycleId = event.cycleId() != null ? event.cycleId() : initiativeCycle(event.initiativeId(), message);
        record(message, cycleId, event.initiativeId(), new Document(RESCORE, event.previous() != null),
               DecisionValues.of("reach", event.rice().reach(), "impact", event.rice().impact(), "confidence",
                                 event.rice().confidence(), "effort", event.rice().effort(), "score", event.score(),
                                 "previousScore", event.previousScore()));
    }

    @EventHandler
    void on(InitiativeCommitted event, EventMessage<?> message) {
        record(message, event.cycleId(), event.initiativeId(), DecisionValues.of());
    }

    @EventHandler
    void on(InitiativeStarted event, EventMessage<?> message) {
        record(message, event.cycleId(), event.initiativeId(), DecisionValues.of());
    }

    @EventHandler
    void on(InitiativeCompleted event, EventMessage<?> message) {
        record(message, event.cycleId(), event.initiativeId(), DecisionValues.of());
    }

    @EventHandler
    void on(InitiativeDropped event, EventMessage<?> message) {
        record(message, event.cycleId(), event.initiativeId(), DecisionValues.of("fromStatus", event.fromStatus()));
    }

    /** A deferral is a decision of the cycle it leaves. */
    @EventHandler
    void on(InitiativeDeferred event, EventMessage<?> message, @SequenceNumber long sequence) {
        record(message, event.fromCycleId(), event.initiativeId(),
               DecisionValues.of("fromCycleId", event.fromCycleId(), "toCycleId", event.toCycleId(), "fromStatus",
                                 event.fromStatus()));
        subjects.apply(AggregateIds.initiative(event.initiativeId()), sequence, message.getTimestamp(),
                       subject -> subject.put("cycleId", event.toCycleId()));
    }

    @EventHandler
    void on(TeamCapacitySet event, EventMessage<?> message) {
        record(message, event.cycleId(), event.teamId(),
               DecisionValues.of("previousPersonWeeks", event.previousPersonWeeks(), "personWeeks",
                                 event.personWeeks()));
    }

    @EventHandler
    void on(TeamPolicyOverridden event, EventMessage<?> message) {
        record(message, event.cycleId(), event.teamId(),
               DecisionValues.of("previous", event.previous(), "policy", event.policy()));
    }

    @EventHandler
    void on(CapacityAllocated event, EventMessage<?> message) {
        record(message, event.cycleId(), event.initiativeId(),
               DecisionValues.of("teamId", event.teamId(), "category", event.category(), "previousPersonWeeks",
                                 event.previousPersonWeeks(), "personWeeks", event.personWeeks()));
    }

    /** About the initiative an allocation was for; about the team when a capacity or policy took it over. */
    @EventHandler
    void on(GuardrailOverridden event, EventMessage<?> message) {
        record(message, event.cycleId(), event.initiativeId() != null ? event.initiativeId() : event.teamId(),
               DecisionValues.of("teamId", event.teamId(), "cause", event.cause(), "bucket", event.bucket(),
                                 "targetShare", event.targetShare(), "tolerance", event.tolerance(),
                                 "resultingShare", event.resultingShare()));
    }

    @EventHandler
    void on(CapacityPolicyChanged event, EventMessage<?> message) {
        record(message, event.cycleId(), event.cycleId(),
               DecisionValues.of("previous", event.previous(), "policy", event.policy()));
    }

    @EventHandler
    void on(PlanCommitted event, EventMessage<?> message) {
        record(message, event.cycleId(), event.cycleId(), DecisionValues.of());
    }

    /** The unfinished work it closed with; null for a close that did not record it. */
    @EventHandler
    void on(CycleClosed event, EventMessage<?> message) {
        record(message, event.cycleId(), event.cycleId(), DecisionValues.of("unfinished", event.unfinished()));
    }

    @EventHandler
    void on(ObjectiveReviewed event, EventMessage<?> message) {
        record(message, objectiveCycle(event.objectiveId()), event.objectiveId(),
               DecisionValues.of("outcome", event.outcome(), "changes", event.changes()));
    }

    @EventHandler
    void on(ObjectiveGraded event, EventMessage<?> message) {
        record(message, objectiveCycle(event.objectiveId()), event.objectiveId(),
               DecisionValues.of("grade", event.grade(), "grades", event.grades()));
    }

    @EventHandler
    void on(ObjectiveCarriedForward event, EventMessage<?> message) {
        record(message, objectiveCycle(event.objectiveId()), event.objectiveId(),
               DecisionValues.of("toCycleId", event.toCycleId(), "successorObjectiveId", event.successorObjectiveId(),
                                 "keyResultIds", event.keyResultIds()));
    }

    /** Archiving and restoring keep the item's status, which they name. */
    @EventHandler
    void on(CycleArchived event, EventMessage<?> message) {
        record(message, event.cycleId(), event.cycleId(), DecisionValues.of("status", event.status()));
    }

    @EventHandler
    void on(CycleRestored event, EventMessage<?> message) {
        record(message, event.cycleId(), event.cycleId(), DecisionValues.of("status", event.status()));
    }

    /** A team belongs to no cycle. */
    @EventHandler
    void on(TeamArchived event, EventMessage<?> message) {
        record(message, null, event.teamId(), DecisionValues.of());
    }

    @EventHandler
    void on(TeamRestored event, EventMessage<?> message) {
        record(message, null, event.teamId(), DecisionValues.of());
    }

    @EventHandler
    void on(InitiativeArchived event, EventMessage<?> message) {
        record(message, event.cycleId(), event.initiativeId(), DecisionValues.of("status", event.status()));
    }

    @EventHandler
    void on(InitiativeRestored event, EventMessage<?> message) {
        record(message, event.cycleId(), event.initiativeId(), DecisionValues.of("status", event.status()));
    }

    @EventHandler
    void on(ObjectiveArchived event, EventMessage<?> message) {
        record(message, event.cycleId(), event.objectiveId(), DecisionValues.of("status", event.status()));
    }

    @EventHandler
    void on(ObjectiveRestored event, EventMessage<?> message) {
        record(message, event.cycleId(), event.objectiveId(), DecisionValues.of("status", event.status()));
    }

    @ResetHandler
    void reset() {
        ViewScope.collection(database, COLLECTION).deleteMany(new Document());
        subjects.clear();
    }

    private void record(EventMessage<?> message, String cycleId, String subjectId, String values) {
        record(message, cycleId, subjectId, new Document(), values);
    }

    /** @param values the decision's values, from the event alone: {@link DecisionValues} */
    private void record(EventMessage<?> message, String cycleId, String subjectId, Document details,
                        String values) {
        Document decision = new Document("_id", message.getIdentifier())
                .append("cycleId", cycleId)
                .append("subjectId", subjectId)
                .append("at", ViewTime.format(message.getTimestamp()))
                .append("actor", message.getMetaData().get(EventMetadata.ACTOR))
                .append("type", message.getPayloadType().getSimpleName())
                .append("reason", message.getMetaData().get(EventMetadata.REASON))
                .append(SCENARIO, message.getMetaData().get(EventMetadata.SCENARIO))
                .append(VALUES, values);
        decision.putAll(details);
        ViewWrites.replace(ViewScope.collection(database, COLLECTION), decision);
    }

    /**
     * The cycle the initiative was in when the event happened, for scores stored before they named it (revision 1);
     * as of the event's time, so that a redelivery after a deferral gets it right.
     */
    private String initiativeCycle(String initiativeId, EventMessage<?> message) {
        String id = AggregateIds.initiative(initiativeId);
        return subjects.findAll(List.of(id), message.getTimestamp()).get(id).getString("cycleId");
    }

    /** An objective stays in its cycle. */
    private String objectiveCycle(String objectiveId) {
        return subjects.find(AggregateIds.objective(objectiveId)).orElseThrow().getString("cycleId");
    }
}
