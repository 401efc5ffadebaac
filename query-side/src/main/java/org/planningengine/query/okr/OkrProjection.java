package org.planningengine.query.okr;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bson.Document;
import org.planningengine.events.Archiving;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.initiative.KeyResultLinked;
import org.planningengine.events.okr.FieldChange;
import org.planningengine.events.okr.KeyResultAdded;
import org.planningengine.events.okr.KeyResultGrade;
import org.planningengine.events.okr.KeyResultUpdated;
import org.planningengine.events.okr.ObjectiveArchived;
import org.planningengine.events.okr.ObjectiveCarriedForward;
import org.planningengine.events.okr.ObjectiveGraded;
import org.planningengine.events.okr.ObjectiveRestored;
import org.planningengine.events.okr.ObjectiveReviewed;
import org.planningengine.events.okr.ObjectiveSet;
import org.planningengine.events.okr.ObjectiveStatus;
import org.planningengine.query.views.Archived;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.ViewTime;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Builds the objectives of each cycle, with their key results, check-ins, reviews, grades and lineage. */
@Component
@ProcessingGroup(PlanProgress.GROUP)
public class OkrProjection {

    private final OkrViews views;

    public OkrProjection(OkrViews views) {
        this.views = views;
    }

    @EventHandler
    void on(ObjectiveSet event, @SequenceNumber long sequence, @Timestamp Instant at) {
        objective(event.objectiveId(), sequence, at, objective -> {
            views.cycleObjectives().add(event.cycleId(), event.objectiveId());
            objective.append("cycleId", event.cycleId())
                     .append("title", event.title())
                     .append("ownerTeamId", event.ownerTeamId())
                     .append("parentObjectiveId", event.parentObjectiveId())
                     .append("status", ObjectiveStatus.after(null, event).name())
                     .append(Archived.FIELD, false)
                     .append("grade", null)
                     .append("predecessorObjectiveId", event.predecessorObjectiveId())
                     .append("successorObjectiveId", null)
                     .append("keyResults", new ArrayList<Document>());
        });
    }

    @EventHandler
    void on(KeyResultAdded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        objective(event.objectiveId(), sequence, at, objective -> objective.getList("keyResults", Document.class).add(
                new Document("keyResultId", event.keyResultId())
                        .append("title", event.title())
                        .append("metric", event.metric())
                        .append("unit", event.unit())
                        .append("direction", event.direction().name())
                        .append("spaceDimension", event.spaceDimension() == null ? null
                                                                                 : event.spaceDimension().name())
                        .append("baseline", decimal(event.baseline()))
                        .append("target", decimal(event.target()))
                        .append("current", null)
                        .append("progress", "0")
                        .append("confidence", null)
                        .append("lastCheckInAt", null)
                        .append("grade", null)));
    }

    /** The check-in joins its key result's list; the objective keeps only the latest (its versions stay small). */
    @EventHandler
    void on(KeyResultUpdated event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(EventMetadata.ACTOR) String actor) {
        Document checkIn = new Document("at", ViewTime.format(at)).append("value", decimal(event.value()))
                                                                  .append("progress", decimal(event.progress()))
                                                                  .append("confidence", decimal(event.confidence()))
                                                                  .append("comment", event.comment())
                                                                  .append("actor", actor);
        objective(event.objectiveId(), sequence, at, objective -> {
            Document keyResult = keyResult(objective, event.keyResultId());
            views.checkIns().append(OkrViews.keyResultId(event.objectiveId(), event.keyResultId()), sequence,
                                    checkIn);
            keyResult.put("current", decimal(event.value()));
            keyResult.put("progress", decimal(event.progress()));
            keyResult.put("confidence", decimal(event.confidence()));
            keyResult.put("lastCheckInAt", ViewTime.format(at));
        });
    }

    @EventHandler
    void on(ObjectiveReviewed event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(EventMetadata.ACTOR) String actor, @MetaDataValue(EventMetadata.REASON) String reason) {
        List<Document> changes = event.changes().stream().map(
                change -> new Document("field", change.field().fieldName()).append("from", change.from())
                                                                           .append("to", change.to())).toList();
        Document review = new Document("at", ViewTime.format(at)).append("outcome", event.outcome().name())
                                                                 .append("reason", reason).append("actor", actor)
                                                                 .append("changes", changes);
        objective(event.objectiveId(), sequence, at, objective -> {
            views.reviews().append(event.objectiveId(), sequence, review);
            objective.put("status", statusAfter(objective, event));
            for (FieldChange change : event.changes()) {
                objective.put(change.field().fieldName(), change.to());
            }
        });
    }

    @EventHandler
    void on(ObjectiveGraded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        objective(event.objectiveId(), sequence, at, objective -> {
            objective.put("status", statusAfter(objective, event));
            objective.put("grade", decimal(event.grade()));
            for (KeyResultGrade grade : event.grades()) {
                keyResult(objective, grade.keyResultId()).put("grade", decimal(grade.grade()));
            }
        });
    }

    @EventHandler
    void on(ObjectiveCarriedForward event, @SequenceNumber long sequence, @Timestamp Instant at) {
        objective(event.objectiveId(), sequence, at,
                  objective -> objective.put("successorObjectiveId", event.successorObjectiveId()));
    }

    /** An archived objective stays in its cycle, flagged: the reads hide it, as of any instant. */
    @EventHandler
    void on(ObjectiveArchived event, @SequenceNumber long sequence, @Timestamp Instant at) {
        archived(event.objectiveId(), event, sequence, at);
    }

    @EventHandler
    void on(ObjectiveRestored event, @SequenceNumber long sequence, @Timestamp Instant at) {
        archived(event.objectiveId(), event, sequence, at);
    }

    private void archived(String objectiveId, Object event, long sequence, Instant at) {
        objective(objectiveId, sequence, at,
                  objective -> objective.put(Archived.FIELD, Archiving.after(Archived.of(objective), event)));
    }

    /** An initiative's link to a key result; linking again changes nothing. */
    @EventHandler
    void on(KeyResultLinked event) {
        views.keyResultLinks().add(OkrViews.keyResultId(event.objectiveId(), event.keyResultId()),
                                   event.initiativeId());
    }

    @ResetHandler
    void reset() {
        views.objectives().clear();
        views.cycleObjectives().clear();
        views.keyResultLinks().clear();
        views.checkIns().clear();
        views.reviews().clear();
    }

    private static String statusAfter(Document objective, Object event) {
        return ObjectiveStatus.after(ObjectiveStatus.valueOf(objective.getString("status")), event).name();
    }

    private void objective(String objectiveId, long sequence, Instant at, Consumer<Document> change) {
        views.objectives().apply(objectiveId, sequence, at, change);
    }

    private static Document keyResult(Document objective, String keyResultId) {
        return objective.getList("keyResults", Document.class).stream()
                        .filter(keyResult -> keyResult.getString("keyResultId").equals(keyResultId))
                        .findFirst().orElseThrow();
    }

    private static String decimal(BigDecimal value) {
        return value.toPlainString();
    }
}
