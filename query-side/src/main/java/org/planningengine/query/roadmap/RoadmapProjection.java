package org.planningengine.query.roadmap;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
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
import org.planningengine.query.views.Archived;
import org.planningengine.query.views.PlanProgress;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.function.Consumer;

/**
 * Builds the initiatives and each cycle's roadmap from the log. It applies what was appended without judging it,
 * keeps RICE inputs and scores exact (as decimal text), and takes every time from the event.
 */
@Component
@ProcessingGroup(PlanProgress.GROUP)
public class RoadmapProjection {

    private final RoadmapViews views;

    public RoadmapProjection(RoadmapViews views) {
        this.views = views;
    }

    @EventHandler
    void on(InitiativeProposed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        initiative(event.initiativeId(), sequence, at, initiative -> {
            views.roadmaps().add(event.cycleId(), event.initiativeId());
            initiative.append("cycleId", event.cycleId())
                      .append("teamId", event.teamId())
                      .append("title", event.title())
                      .append("description", event.description())
                      .append("category", event.category().name())
                      .append("status", InitiativeTransition.after(null, event).name())
                      .append(Archived.FIELD, false)
                      .append("rice", null)
                      .append("score", null)
                      .append("keyResults", new ArrayList<Document>())
                      .append("dependsOn", new ArrayList<String>())
                      .append("deferredFrom", null);
        });
    }

    @EventHandler
    void on(InitiativeScored event, @SequenceNumber long sequence, @Timestamp Instant at) {
        initiative(event.initiativeId(), sequence, at, initiative -> {
            initiative.put("rice", rice(event.rice()));
            initiative.put("score", event.score().toString());
        });
    }

    @EventHandler
    void on(InitiativeCommitted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        status(event.initiativeId(), event, sequence, at);
    }

    @EventHandler
    void on(InitiativeStarted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        status(event.initiativeId(), event, sequence, at);
    }

    @EventHandler
    void on(InitiativeCompleted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        status(event.initiativeId(), event, sequence, at);
    }

    @EventHandler
    void on(InitiativeDropped event, @SequenceNumber long sequence, @Timestamp Instant at) {
        status(event.initiativeId(), event, sequence, at);
    }

    /** The initiative leaves the old cycle's roadmap and enters the new one's, with its history. */
    @EventHandler
    void on(InitiativeDeferred event, @SequenceNumber long sequence, @Timestamp Instant at) {
        initiative(event.initiativeId(), sequence, at, initiative -> {
            views.roadmaps().remove(event.fromCycleId(), event.initiativeId());
            views.roadmaps().add(event.toCycleId(), event.initiativeId());
            initiative.put("cycleId", event.toCycleId());
            initiative.put("status", statusAfter(initiative, event));
            initiative.put("deferredFrom", event.fromCycleId());
        });
    }

    /** An archived initiative stays on its cycle's roadmap, flagged: the reads hide it, as of any instant. */
    @EventHandler
    void on(InitiativeArchived event, @SequenceNumber long sequence, @Timestamp Instant at) {
        archived(event.initiativeId(), event, sequence, at);
    }

    @EventHandler
    void on(InitiativeRestored event, @SequenceNumber long sequence, @Timestamp Instant at) {
        archived(event.initiativeId(), event, sequence, at);
    }

    @EventHandler
    void on(DependencyAdded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        initiative(event.initiativeId(), sequence, at,
                   initiative -> initiative.getList("dependsOn", String.class).add(event.dependsOn()));
    }

    @EventHandler
    void on(KeyResultLinked event, @SequenceNumber long sequence, @Timestamp Instant at) {
        initiative(event.initiativeId(), sequence, at,
                   initiative -> initiative.getList("keyResults", Document.class)
                                           .add(new Document("objectiveId", event.objectiveId())
                                                        .append("keyResultId", event.keyResultId())));
    }

    @ResetHandler
    void reset() {
        views.initiatives().clear();
        views.roadmaps().clear();
    }

    private void archived(String initiativeId, Object event, long sequence, Instant at) {
        initiative(initiativeId, sequence, at,
                   initiative -> initiative.put(Archived.FIELD, Archiving.after(Archived.of(initiative), event)));
    }

    private void status(String initiativeId, Object event, long sequence, Instant at) {
        initiative(initiativeId, sequence, at, initiative -> initiative.put("status", statusAfter(initiative, event)));
    }

    private static String statusAfter(Document initiative, Object event) {
        return InitiativeTransition.after(InitiativeStatus.valueOf(initiative.getString("status")), event).name();
    }

    private void initiative(String initiativeId, long sequence, Instant at, Consumer<Document> change) {
        views.initiatives().apply(initiativeId, sequence, at, change);
    }

    private static Document rice(RiceInputs rice) {
        return new Document("reach", rice.reach().toString())
                .append("impact", rice.impact().toString())
                .append("confidence", rice.confidence().toString())
                .append("effort", rice.effort().toString());
    }
}
