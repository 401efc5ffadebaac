package org.planningengine.security;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.ErrorResponseException;

import java.util.Arrays;
import java.util.List;

/** Who is calling, as authenticated, and what it holds. */
public final class Caller {

    private Caller() {
    }

    /** The authenticated user's name: the actor of every event its writes cause. */
    public static String name() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new IllegalStateException("a write comes from an authenticated user");
        }
        return authentication.getName();
    }

    /** Whether it may act as the lead of this team: a lead of it, or a planner; a null team is the organisation's. */
    public static boolean mayLead(Authentication authentication, String teamId) {
        return holds(authentication, Role.PLANNER.authority())
                || teamId != null && holds(authentication, Grant.leads(teamId));
    }

    /** Refuses the current request unless its caller may act as the lead of this team (null: the organisation). */
    public static void requireLeadOf(String teamId) {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (!mayLead(caller, teamId)) {
            throw new ErrorResponseException(HttpStatus.FORBIDDEN, AccessProblems.forbidden(
                    "'" + caller.getName() + "' may not act for "
                    + (teamId == null ? "the organisation" : "team " + teamId) + ": that needs "
                    + leadRequirement(teamId)), null);
        }
    }

    /** What acting as the lead of this team needs, in words. */
    public static String leadRequirement(String teamId) {
        return teamId == null ? "the role PLANNER" : "LEAD:" + teamId + " or the role PLANNER";
    }

    /** Every role it holds, with the ones each includes, from the least. */
    public static List<Role> roles(Authentication authentication) {
        return Arrays.stream(Role.values()).filter(role -> holds(authentication, role.authority())).toList();
    }

    /** The teams it leads by name, sorted; a planner's every team is not listed. */
    public static List<String> teamsLed(Authentication authentication) {
        return authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                             .filter(authority -> authority.startsWith(Grant.LEADS))
                             .map(authority -> authority.substring(Grant.LEADS.length())).sorted().toList();
    }

    static boolean holds(Authentication authentication, String authority) {
        return authentication != null && authentication.getAuthorities().stream()
                                                       .map(GrantedAuthority::getAuthority)
                                                       .anyMatch(authority::equals);
    }
}
