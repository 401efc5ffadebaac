package org.planningengine.events.cycle;

import org.planningengine.events.initiative.Category;

import java.util.List;

/**
 * Target shares of a team's capacity per bucket of categories, and how far (in percentage points) a bucket may go
 * above its share before an allocation needs an explicit override.
 */
public record CapacityPolicy(List<PolicyBucket> buckets, int tolerance) {

    /** 50% new initiatives, 50% keep-the-lights-on and team work, 5 points of tolerance. */
    public static CapacityPolicy standard() {
        return new CapacityPolicy(List.of(new PolicyBucket("new", List.of(Category.NEW_INITIATIVE), 50),
                                          new PolicyBucket("run", List.of(Category.KTLO, Category.TEAM_INITIATIVE), 50)),
                                  5);
    }
}
