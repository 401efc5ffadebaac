package org.planningengine.query.cycle;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bson.Document;
import org.planningengine.events.Archiving;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.cycle.CapacityPolicyChanged;
import org.planningengine.events.cycle.CommitmentRecorded;
import org.planningengine.events.cycle.CycleArchived;
import org.planningengine.events.cycle.CycleClosed;
import org.planningengine.events.cycle.CycleRestored;
import org.planningengine.events.cycle.CycleStarted;
import org.planningengine.events.cycle.CycleStatus;
import org.planningengine.events.cycle.PlanCommitted;
import org.planningengine.query.views.Archived;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.PolicyChange;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds {@code view_cycles} from the cycles' events. */
@Component
@ProcessingGroup(PlanProgress.GROUP)
public class CycleProjection {

    private final CycleViews cycles;

    public CycleProjection(CycleViews cycles) {
        this.cycles = cycles;
    }

    @EventHandler
    void on(CycleStarted event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(EventMetadata.ACTOR) String actor) {
        cycles.apply(event.cycleId(), sequence, at, cycle -> cycle
                .append("name", event.name())
                .append("startDate", event.startDate().toString())
                .append("endDate", event.endDate().toString())
                .append("status", CycleStatus.after(null, event).name())
                .append(Archived.FIELD, false)
                .append("policy", PolicyChange.document(event.policy()))
                .append("policyHistory", new ArrayList<>(List.of(PolicyChange.entry(event.policy(), at, actor, null)))));
    }

    /** The new policy applies from now on; the history keeps every one with when, who and why. */
    @EventHandler
    void on(CapacityPolicyChanged event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(EventMetadata.ACTOR) String actor, @MetaDataValue(EventMetadata.REASON) String reason) {
        cycles.apply(event.cycleId(), sequence, at, cycle -> {
            cycle.put("policy", PolicyChange.document(event.policy()));
            cycle.getList("policyHistory", Document.class).add(PolicyChange.entry(event.policy(), at, actor, reason));
        });
    }

    @EventHandler
    void on(PlanCommitted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        status(event.cycleId(), event, sequence, at);
    }

    @EventHandler
    void on(CycleClosed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        status(event.cycleId(), event, sequence, at);
    }

    /**
     * The cycle's record of a commitment (the initiative's view has the commitment itself) changes nothing the view
     * shows but the cycle's version, which its reads answer as the ETag its writes take as If-Match.
     */
    @EventHandler
    void on(CommitmentRecorded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        cycles.apply(event.cycleId(), sequence, at, cycle -> {
        });
    }

    @EventHandler
    void on(CycleArchived event, @SequenceNumber long sequence, @Timestamp Instant at) {
        archived(event.cycleId(), event, sequence, at);
    }

    @EventHandler
    void on(CycleRestored event, @SequenceNumber long sequence, @Timestamp Instant at) {
        archived(event.cycleId(), event, sequence, at);
    }

    private void archived(String cycleId, Object event, long sequence, Instant at) {
        cycles.apply(cycleId, sequence, at,
                     cycle -> cycle.put(Archived.FIELD, Archiving.after(Archived.of(cycle), event)));
    }

    private void status(String cycleId, Object event, long sequence, Instant at) {
        cycles.apply(cycleId, sequence, at, cycle -> cycle.put(
                "status", CycleStatus.after(CycleStatus.valueOf(cycle.getString("status")), event).name()));
    }

    @ResetHandler
    void reset() {
        cycles.clear();
    }
}
