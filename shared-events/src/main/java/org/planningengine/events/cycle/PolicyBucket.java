package org.planningengine.events.cycle;

import org.planningengine.events.initiative.Category;

import java.util.List;

/** A share of a team's capacity, in percent, for some categories of work. */
public record PolicyBucket(String name, List<Category> categories, int share) {
}
