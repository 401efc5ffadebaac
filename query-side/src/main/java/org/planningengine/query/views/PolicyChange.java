package org.planningengine.query.views;

import org.bson.Document;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.PolicyBucket;
import org.planningengine.events.initiative.Category;

import java.time.Instant;
import java.util.List;

/**
 * A policy that applied from an instant on, who set it and why. {@code source} is CYCLE or TEAM. Also the shape a
 * policy and an entry of a policy history have in every view: the cycle's and the teams' plans keep them alike.
 */
public record PolicyChange(Instant from, String source, CapacityPolicy policy, String actor, String reason) {

    public static PolicyChange of(String source, Document change) {
        return new PolicyChange(ViewTime.parse(change.getString("from")), source,
                                policy(change.get("policy", Document.class)), change.getString("actor"),
                                change.getString("reason"));
    }

    /** One entry of a policy history, as a view stores it. */
    public static Document entry(CapacityPolicy policy, Instant at, String actor, String reason) {
        return new Document("from", ViewTime.format(at)).append("policy", document(policy))
                                                        .append("actor", actor).append("reason", reason);
    }

    public static Document document(CapacityPolicy policy) {
        List<Document> buckets = policy.buckets().stream()
                                       .map(bucket -> new Document("name", bucket.name())
                                               .append("categories", bucket.categories().stream().map(Enum::name)
                                                                           .toList())
                                               .append("share", bucket.share()))
                                       .toList();
        return new Document("buckets", buckets).append("tolerance", policy.tolerance());
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
