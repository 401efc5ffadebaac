package org.planningengine.query.testing;

import org.planningengine.events.capacity.CapacityAllocated;
import org.planningengine.events.capacity.TeamCapacitySet;
import org.planningengine.events.cycle.CapacityPolicy;
import org.planningengine.events.cycle.CycleStarted;
import org.planningengine.events.cycle.PolicyBucket;
import org.planningengine.events.initiative.Category;
import org.planningengine.events.initiative.InitiativeProposed;
import org.planningengine.events.initiative.InitiativeScored;
import org.planningengine.events.initiative.RiceInputs;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** Shorthands for the events specifications give most, with the defaults they do not care about. */
public final class PlanEvents {

    private PlanEvents() {
    }

    /** 50% new initiatives, 50% KTLO and team work, 5 points of tolerance. */
    public static final CapacityPolicy STANDARD = CapacityPolicy.standard();

    /** A policy with the standard buckets in other shares. */
    public static CapacityPolicy policy(int newShare, int runShare, int tolerance) {
        return new CapacityPolicy(List.of(new PolicyBucket("new", List.of(Category.NEW_INITIATIVE), newShare),
                                          new PolicyBucket("run", List.of(Category.KTLO, Category.TEAM_INITIATIVE),
                                                           runShare)),
                                  tolerance);
    }

    /** A cycle named as its id, under the standard policy. */
    public static CycleStarted cycleStarted(String cycleId, String startDate, String endDate) {
        return new CycleStarted(cycleId, cycleId.toUpperCase(), LocalDate.parse(startDate), LocalDate.parse(endDate),
                                STANDARD);
    }

    public static InitiativeProposed proposed(String initiativeId, String cycleId, String teamId, String title,
                                              Category category) {
        return new InitiativeProposed(initiativeId, cycleId, teamId, title, "About " + title, category);
    }

    public static RiceInputs rice(String reach, String impact, String confidence, String effort) {
        return new RiceInputs(new BigDecimal(reach), new BigDecimal(impact), new BigDecimal(confidence),
                              new BigDecimal(effort));
    }

    /** A first score. */
    public static InitiativeScored scored(String initiativeId, String cycleId, RiceInputs rice) {
        return new InitiativeScored(initiativeId, cycleId, null, null, rice, rice.score());
    }

    /** A score that replaces an earlier one. */
    public static InitiativeScored rescored(String initiativeId, String cycleId, RiceInputs previous,
                                            RiceInputs rice) {
        return new InitiativeScored(initiativeId, cycleId, previous, previous.score(), rice, rice.score());
    }

    public static TeamCapacitySet capacitySet(String cycleId, String teamId, String previous, String personWeeks) {
        return new TeamCapacitySet(cycleId, teamId, new BigDecimal(previous), new BigDecimal(personWeeks));
    }

    public static CapacityAllocated allocated(String cycleId, String teamId, String initiativeId, Category category,
                                              String previous, String personWeeks) {
        return new CapacityAllocated(cycleId, teamId, initiativeId, category, new BigDecimal(previous),
                                     new BigDecimal(personWeeks));
    }

    public static BigDecimal decimal(String value) {
        return new BigDecimal(value);
    }
}
