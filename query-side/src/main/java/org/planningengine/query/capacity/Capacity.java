package org.planningengine.query.capacity;

import org.bson.Document;
import org.planningengine.events.capacity.GuardrailOverridden;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.PolicyBucket;
import org.planningengine.events.initiative.Category;
import org.planningengine.query.capacity.TeamCapacity.Bucket;
import org.planningengine.query.capacity.TeamCapacity.Override;
import org.planningengine.query.capacity.TeamCapacity.Totals;
import org.planningengine.query.views.ItemVersion;
import org.planningengine.query.views.PolicyChange;
import org.planningengine.query.views.ViewTime;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Sums a cycle's team plans into the capacity view, exactly; rounding is for display only. */
public final class Capacity {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Capacity() {
    }

    /** @param overrides the plan's overrides as this version of it knew them */
    static TeamCapacity team(Document plan, List<Document> overrides, List<PolicyChange> cyclePolicies) {
        BigDecimal capacity = new BigDecimal(plan.getString("capacity"));
        Map<Category, BigDecimal> byCategory = byCategory(CapacityViews.allocations(plan));
        List<PolicyChange> ownPolicies = plan.getList("ownPolicies", Document.class).stream()
                                             .map(change -> PolicyChange.of("TEAM", change)).toList();
        List<PolicyChange> history = new ArrayList<>(cyclePolicies.stream()
                .filter(change -> ownPolicies.isEmpty() || change.from().isBefore(ownPolicies.get(0).from()))
                .toList());
        history.addAll(ownPolicies);
        PolicyChange applies = history.get(history.size() - 1);
        BigDecimal allocated = sum(byCategory.values());
        return new TeamCapacity(plan.getString("teamId"), ItemVersion.of(plan), false, shown(capacity),
                                shown(allocated), shown(capacity.subtract(allocated)), shownAll(byCategory), applies.source(),
                                buckets(applies.policy(), byCategory, capacity), history,
                                overrides.stream().map(Capacity::override).toList());
    }

    private static Override override(Document override) {
        return new Override(ViewTime.parse(override.getString("at")), override.getString("actor"),
                            override.getString("reason"),
                            GuardrailOverridden.Cause.valueOf(override.getString("cause")),
                            override.getString("initiativeId"),
                            override.getString("bucket"), override.getInteger("targetShare"),
                            override.getInteger("tolerance"), new BigDecimal(override.getString("resultingShare")));
    }

    public static Totals organisation(List<TeamCapacity> teams, CapacityPolicy cyclePolicy) {
        BigDecimal capacity = sum(teams.stream().map(TeamCapacity::capacityPersonWeeks).toList());
        Map<Category, BigDecimal> byCategory = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            byCategory.put(category, sum(teams.stream().map(team -> team.byCategory().get(category)).toList()));
        }
        BigDecimal allocated = sum(byCategory.values());
        return new Totals(shown(capacity), shown(allocated), shown(capacity.subtract(allocated)),
                          shownAll(byCategory), buckets(cyclePolicy, byCategory, capacity));
    }

    private static List<Bucket> buckets(CapacityPolicy policy, Map<Category, BigDecimal> byCategory,
                                        BigDecimal capacity) {
        List<Bucket> buckets = new ArrayList<>();
        for (PolicyBucket bucket : policy.buckets()) {
            BigDecimal allocated = sum(bucket.categories().stream().map(byCategory::get).toList());
            BigDecimal share = capacity.signum() == 0 ? BigDecimal.ZERO
                                                      : allocated.multiply(HUNDRED).divide(capacity,
                                                                                           MathContext.DECIMAL128);
            String flag = flag(share, bucket.share(), policy.tolerance(), capacity);
            buckets.add(new Bucket(bucket.name(), bucket.categories(), bucket.share(), policy.tolerance(),
                                   shown(allocated), share.setScale(2, RoundingMode.HALF_UP), flag.equals("WITHIN"),
                                   flag));
        }
        return buckets;
    }

    private static String flag(BigDecimal share, int target, int tolerance, BigDecimal capacity) {
        if (capacity.signum() == 0) {
            return "WITHIN";
        }
        if (share.compareTo(BigDecimal.valueOf(target + tolerance)) > 0) {
            return "OVER";
        }
        if (share.compareTo(BigDecimal.valueOf(target - tolerance)) < 0) {
            return "UNDER";
        }
        return "WITHIN";
    }

    private static Map<Category, BigDecimal> byCategory(List<Document> allocations) {
        Map<Category, BigDecimal> byCategory = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            byCategory.put(category, BigDecimal.ZERO);
        }
        for (Document allocation : allocations) {
            byCategory.merge(Category.valueOf(allocation.getString("category")),
                             new BigDecimal(allocation.getString("personWeeks")), BigDecimal::add);
        }
        return byCategory;
    }

    private static BigDecimal sum(Collection<BigDecimal> values) {
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Person-weeks as a person writes them: 40, 12.5. */
    private static BigDecimal shown(BigDecimal personWeeks) {
        BigDecimal stripped = personWeeks.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static Map<Category, BigDecimal> shownAll(Map<Category, BigDecimal> byCategory) {
        Map<Category, BigDecimal> shown = new EnumMap<>(Category.class);
        byCategory.forEach((category, personWeeks) -> shown.put(category, shown(personWeeks)));
        return shown;
    }
}
