package org.planningengine.events;

/**
 * The identifiers aggregates have in the event log. Clients choose slugs per kind (a cycle and a team may both be
 * called {@code platform}), but aggregate identifiers share one namespace in the log, whose unique key is
 * {@code aggregateId:sequence}; so each kind is prefixed.
 */
public final class AggregateIds {

    private AggregateIds() {
    }

    public static String cycle(String cycleId) {
        return "cycle:" + cycleId;
    }

    public static String team(String teamId) {
        return "team:" + teamId;
    }

    public static String initiative(String initiativeId) {
        return "initiative:" + initiativeId;
    }

    public static String objective(String objectiveId) {
        return "objective:" + objectiveId;
    }

    public static String lesson(String lessonId) {
        return "lesson:" + lessonId;
    }

    /** A what-if scenario of a cycle, whose writes go to a branch of the log of its own. */
    public static String scenario(String scenarioId) {
        return "scenario:" + scenarioId;
    }

    /** A team's plan for one cycle: its capacity, its own policy if any, its allocations. */
    public static String teamPlan(String cycleId, String teamId) {
        return "team-plan:" + cycleId + "/" + teamId;
    }

    /** How people call an aggregate: {@code initiative:checkout} is "initiative checkout". */
    public static String describe(String aggregateId) {
        int colon = aggregateId.indexOf(':');
        return colon < 0 ? aggregateId : aggregateId.substring(0, colon) + " " + aggregateId.substring(colon + 1);
    }
}
