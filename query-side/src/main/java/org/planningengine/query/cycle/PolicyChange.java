package org.planningengine.query.cycle;

import org.bson.Document;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.query.views.ViewTime;

import java.time.Instant;

/** A policy that applied from an instant on, who set it and why. {@code source} is CYCLE or TEAM. */
public record PolicyChange(Instant from, String source, CapacityPolicy policy, String actor, String reason) {

    public static PolicyChange of(String source, Document change) {
        return new PolicyChange(ViewTime.parse(change.getString("from")), source,
                                CycleViews.policy(change.get("policy", Document.class)), change.getString("actor"),
                                change.getString("reason"));
    }
}
