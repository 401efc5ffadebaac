package org.planningengine.query.capacity;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.bson.Document;
import org.planningengine.events.EventMetadata;
import org.planningengine.events.capacity.CapacityAllocated;
import org.planningengine.events.capacity.CyclePolicyAdopted;
import org.planningengine.events.capacity.GuardrailOverridden;
import org.planningengine.events.capacity.TeamCapacitySet;
import org.planningengine.events.capacity.TeamPolicyOverridden;
import org.planningengine.query.views.PlanProgress;
import org.planningengine.query.views.PolicyChange;
import org.planningengine.query.views.ViewTime;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/** Builds each team's plan for a cycle from its events: capacity, allocations, own policies, overrides. */
@Component
@ProcessingGroup(PlanProgress.GROUP)
public class CapacityProjection {

    private final CapacityViews views;

    public CapacityProjection(CapacityViews views) {
        this.views = views;
    }

    @EventHandler
    void on(TeamCapacitySet event, @SequenceNumber long sequence, @Timestamp Instant at) {
        plan(event.cycleId(), event.teamId(), sequence, at,
             plan -> plan.put("capacity", event.personWeeks().toPlainString()));
    }

    @EventHandler
    void on(TeamPolicyOverridden event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(EventMetadata.ACTOR) String actor, @MetaDataValue(EventMetadata.REASON) String reason) {
        plan(event.cycleId(), event.teamId(), sequence, at, plan -> plan.getList("ownPolicies", Document.class)
                .add(PolicyChange.entry(event.policy(), at, actor, reason)));
    }

    /** Keeps the allocations in initiative order, so that the document is the same however it was reached. */
    @EventHandler
    void on(CapacityAllocated event, @SequenceNumber long sequence, @Timestamp Instant at) {
        plan(event.cycleId(), event.teamId(), sequence, at, plan -> {
            List<Document> allocations = CapacityViews.allocations(plan);
            allocations.removeIf(allocation -> allocation.getString("initiativeId").equals(event.initiativeId()));
            if (event.personWeeks().signum() > 0) {
                allocations.add(new Document("initiativeId", event.initiativeId())
                                        .append("category", event.category().name())
                                        .append("personWeeks", event.personWeeks().toPlainString()));
                allocations.sort(Comparator.comparing(allocation -> allocation.getString("initiativeId")));
            }
        });
    }

    /**
     * A plan that follows the cycle's policy took its new one: the policy shown is the cycle's (its own view has it),
     * so only the plan's version moves, which the capacity view answers for the plan's writes' If-Match.
     */
    @EventHandler
    void on(CyclePolicyAdopted event, @SequenceNumber long sequence, @Timestamp Instant at) {
        plan(event.cycleId(), event.teamId(), sequence, at, plan -> {
        });
    }

    @EventHandler
    void on(GuardrailOverridden event, @SequenceNumber long sequence, @Timestamp Instant at,
            @MetaDataValue(EventMetadata.ACTOR) String actor, @MetaDataValue(EventMetadata.REASON) String reason) {
        Document override = new Document("at", ViewTime.format(at)).append("actor", actor).append("reason", reason)
                .append("cause", event.cause().name()).append("initiativeId", event.initiativeId())
                .append("bucket", event.bucket())
                .append("targetShare", event.targetShare()).append("tolerance", event.tolerance())
                .append("resultingShare", event.resultingShare().toPlainString());
        plan(event.cycleId(), event.teamId(), sequence, at, plan -> views.overrides().append(
                CapacityViews.planId(event.cycleId(), event.teamId()), sequence, override));
    }

    @ResetHandler
    void reset() {
        views.plans().clear();
        views.cycleTeams().clear();
        views.overrides().clear();
    }

    private void plan(String cycleId, String teamId, long sequence, Instant at, Consumer<Document> change) {
        views.plans().apply(CapacityViews.planId(cycleId, teamId), sequence, at, plan -> {
            if (!plan.containsKey("cycleId")) {
                views.cycleTeams().add(cycleId, teamId);
                plan.append("cycleId", cycleId).append("teamId", teamId).append("capacity", "0")
                    .append("allocations", new ArrayList<Document>())
                    .append("ownPolicies", new ArrayList<Document>());
            }
            change.accept(plan);
        });
    }
}
