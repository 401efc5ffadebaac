package org.planningengine.query.cycle;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.query.views.AggregateViews;
import org.planningengine.query.views.PolicyChange;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * {@code view_cycles}: one document per cycle, its name, dates, status, policy and the policies it had, with when,
 * who and why.
 */
@Component
public class CycleViews extends AggregateViews {

    public static final String COLLECTION = "view_cycles";

    public CycleViews(MongoDatabase planningDatabase) {
        super(planningDatabase, COLLECTION);
    }

    /** The cycle's document as of the instant (now, for none), or a 404 for the read. */
    public Document require(String cycleId, Instant asOf) {
        return require("cycle", cycleId, asOf);
    }

    /** The policy the cycle's document has now. */
    public static CapacityPolicy policy(Document cycle) {
        return PolicyChange.policy(cycle.get("policy", Document.class));
    }

    /** The policies the cycle has had, the first from its start. */
    public static List<PolicyChange> policyHistory(Document cycle) {
        return cycle.getList("policyHistory", Document.class).stream()
                    .map(change -> PolicyChange.of("CYCLE", change)).toList();
    }
}
