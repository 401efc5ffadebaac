package org.planningengine.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A role held by a user, written as the role's name ({@code PLANNER}) or, for a lead, with the team it leads
 * ({@code LEAD:payments}); a user holds several. The same text in configuration, in the user store and in a token's
 * roles claim.
 */
public record Grant(Role role, String teamId) {

    private static final Pattern TEAM = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    static final String LEADS = "LEAD:";

    public Grant {
        if ((role == Role.LEAD) != (teamId != null)) {
            throw new IllegalArgumentException("a lead is named with its team (LEAD:<team id>), no other role is");
        }
    }

    /** Reads {@code PLANNER} or {@code LEAD:payments}; refuses anything else with a message that says why. */
    public static Grant parse(String text) {
        int colon = text.indexOf(':');
        String roleName = colon < 0 ? text : text.substring(0, colon);
        Role role;
        try {
            role = Role.valueOf(roleName);
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("'" + text + "' is not a role: one of VIEWER, CONTRIBUTOR, LEAD:<team id>,"
                                               + " PLANNER, ADMIN");
        }
        String team = colon < 0 ? null : text.substring(colon + 1);
        if (team != null && !TEAM.matcher(team).matches()) {
            throw new IllegalArgumentException("'" + team + "' is not a team id");
        }
        return new Grant(role, team);
    }

    /** Spring Security's authorities for these grants: every role they include, and one per team led. */
    public static Collection<GrantedAuthority> authorities(Collection<Grant> grants) {
        Set<String> authorities = new LinkedHashSet<>();
        for (Grant grant : grants) {
            grant.role().withIncluded().forEach(role -> authorities.add(role.authority()));
            if (grant.teamId() != null) {
                authorities.add(leads(grant.teamId()));
            }
        }
        List<GrantedAuthority> granted = new ArrayList<>();
        authorities.forEach(authority -> granted.add(new SimpleGrantedAuthority(authority)));
        return granted;
    }

    /** The authority of leading this team. */
    static String leads(String teamId) {
        return LEADS + teamId;
    }

    @Override
    public String toString() {
        return teamId == null ? role.name() : LEADS + teamId;
    }
}
