package org.planningengine.command.cycle.web;

import io.swagger.v3.oas.annotations.media.Schema;
import org.planningengine.command.RuleViolated;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.PolicyBucket;
import org.planningengine.events.initiative.Category;

import java.util.ArrayList;
import java.util.List;

/**
 * A capacity policy as a client writes it: a bucket without a share is an error rather than 0%, and a policy
 * without a tolerance gets the standard one.
 */
public record PolicyRequest(List<Bucket> buckets, Integer tolerance) {

    // Named: another type of the API has the same simple name
    @Schema(name = "BucketRequest")
    public record Bucket(String name, List<Category> categories, Integer share) {
    }

    /** The policy, checked for what the request alone can tell; null when none was given. */
    public static CapacityPolicy toPolicy(PolicyRequest request) {
        return request == null ? null : request.toPolicy();
    }

    private CapacityPolicy toPolicy() {
        if (buckets == null) {
            throw new RuleViolated("policy.buckets", "policy.buckets is required");
        }
        List<PolicyBucket> checked = new ArrayList<>();
        for (int i = 0; i < buckets.size(); i++) {
            Bucket bucket = buckets.get(i);
            if (bucket == null || bucket.share() == null) {
                String field = "policy.buckets[" + i + "].share";
                throw new RuleViolated(field, field + " is required");
            }
            checked.add(new PolicyBucket(bucket.name(), bucket.categories(), bucket.share()));
        }
        return new CapacityPolicy(checked, tolerance == null ? CapacityPolicy.standard().tolerance() : tolerance);
    }
}
