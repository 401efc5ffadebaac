package org.planningengine.security;

import java.util.Arrays;
import java.util.List;

/**
 * What a caller may do, each role including every role before it: a planner may do what a lead may, for every team;
 * an administrator may do everything. Only {@link #LEAD} is held for named teams.
 */
public enum Role {
    /** Reads every view. */
    VIEWER,
    /** Proposes and scores initiatives, links them, checks key results in, records lessons. */
    CONTRIBUTOR,
    /** Capacity, allocations, commits, reviews and grades, for the teams it leads. */
    LEAD,
    /** Cycles, policies, teams, and what a lead does, for every team. */
    PLANNER,
    /** Replays projections, retries dead letters, manages users. */
    ADMIN;

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + name();
    }

    /**
     * What holding this role's authority needs, in the words of the grants a user holds: no one holds a bare LEAD,
     * only the lead of a team (and a planner, who includes it).
     */
    public String requirement() {
        return this == LEAD ? "LEAD:<team id> (of any team) or the role PLANNER" : "the role " + name();
    }

    /** This role and every role it includes. */
    List<Role> withIncluded() {
        return Arrays.asList(values()).subList(0, ordinal() + 1);
    }
}
