package org.planningengine.command.capacity;

import org.planningengine.command.RuleViolated;
import org.planningengine.command.Rules;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.PolicyBucket;
import org.planningengine.events.initiative.Category;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What makes a capacity policy valid: every category in exactly one bucket, shares summing to 100. */
public final class PolicyRules {

    static final int MAX_TOLERANCE = 50;

    private PolicyRules() {
    }

    public static void check(CapacityPolicy policy) {
        if (policy == null) {
            throw new RuleViolated("policy", "policy is required");
        }
        if (policy.buckets() == null || policy.buckets().isEmpty()) {
            throw new RuleViolated("policy.buckets", "a policy needs at least one bucket");
        }
        if (policy.tolerance() < 0 || policy.tolerance() > MAX_TOLERANCE) {
            throw new RuleViolated("policy.tolerance", "policy.tolerance must be 0 to " + MAX_TOLERANCE
                                                       + " percentage points (was " + policy.tolerance() + ")");
        }
        Set<String> names = new HashSet<>();
        Map<Category, String> bucketOf = new EnumMap<>(Category.class);
        int total = 0;
        for (PolicyBucket bucket : policy.buckets()) {
            if (bucket.name() == null || bucket.name().isBlank() || !names.add(bucket.name())) {
                throw new RuleViolated("policy.buckets", "every bucket needs a name of its own (was '"
                                                         + bucket.name() + "')");
            }
            Rules.requireText("policy.buckets", bucket.name(), Rules.MAX_NAME);
            if (bucket.share() < 0 || bucket.share() > 100) {
                throw new RuleViolated("policy.buckets", "bucket '" + bucket.name() + "' has share "
                                                         + bucket.share() + "%; a share is 0 to 100");
            }
            for (Category category : bucket.categories() == null ? Set.<Category>of() : bucket.categories()) {
                String other = bucketOf.put(category, bucket.name());
                if (other != null) {
                    throw new RuleViolated("policy.buckets", category + " is in both bucket '" + other
                                                             + "' and bucket '" + bucket.name() + "'");
                }
            }
            total += bucket.share();
        }
        for (Category category : Category.values()) {
            if (!bucketOf.containsKey(category)) {
                throw new RuleViolated("policy.buckets", category + " is in no bucket");
            }
        }
        if (total != 100) {
            throw new RuleViolated("policy.buckets", "bucket shares must sum to 100% (they sum to " + total + "%)");
        }
    }
}
