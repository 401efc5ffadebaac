package org.planningengine.query.cycle;

import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.PolicyBucket;
import org.planningengine.events.initiative.Category;
import org.planningengine.query.views.AggregateViews;
import org.planningengine.query.web.ViewNotFound;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/**
 * {@code view_cycles}: one document per cycle, its name, dates, status, policy and the policies it had, with when,
 * who and why. Also the shape a policy has in every view.
 */
@Component
public class CycleViews extends AggregateViews {

    public static final String COLLECTION = "view_cycles";

    public CycleViews(MongoDatabase planningDatabase) {
        super(planningDatabase, COLLECTION);
    }

    public static Document policyDocument(CapacityPolicy policy) {
        List<Document> buckets = policy.buckets().stream()
                                       .map(bucket -> new Document("name", bucket.name())
                                               .append("categories", bucket.categories().stream().map(Enum::name)
                                                                           .toList())
                                               .append("share", bucket.share()))
                                       .toList();
        return new Document("buckets", buckets).append("tolerance", policy.tolerance());
    }

    /** The cycle's document as of the instant (now, for none), or a 404 for the read. */
    public Document require(String cycleId, Instant asOf) {
        Document cycle = findAll(List.of(cycleId), asOf).get(cycleId);
        if (cycle == null) {
            throw new ViewNotFound("cycle " + cycleId + (asOf == null ? " does not exist" : " did not exist at "
                                                                                           + asOf));
        }
        return cycle;
    }

    /** The policies the cycle has had, the first from its start. */
    public static List<PolicyChange> policyHistory(Document cycle) {
        return cycle.getList("policyHistory", Document.class).stream()
                    .map(change -> PolicyChange.of("CYCLE", change)).toList();
    }

    public static CapacityPolicy policy(Document policy) {
        List<PolicyBucket> buckets = policy.getList("buckets", Document.class).stream()
                                           .map(bucket -> new PolicyBucket(
                                                   bucket.getString("name"),
                                                   bucket.getList("categories", String.class).stream()
                                                         .map(Category::valueOf).toList(),
                                                   bucket.getInteger("share")))
                                           .toList();
        return new CapacityPolicy(buckets, policy.getInteger("tolerance"));
    }
}
