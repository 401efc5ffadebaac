package org.planningengine.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GrantTest {

    @Test
    void aRoleIncludesEveryRoleBeforeItAndALeadNamesItsTeam() {
        assertThat(authorities("VIEWER")).containsExactly("ROLE_VIEWER");
        assertThat(authorities("LEAD:payments"))
                .containsExactly("ROLE_VIEWER", "ROLE_CONTRIBUTOR", "ROLE_LEAD", "LEAD:payments");
        assertThat(authorities("ADMIN"))
                .containsExactly("ROLE_VIEWER", "ROLE_CONTRIBUTOR", "ROLE_LEAD", "ROLE_PLANNER", "ROLE_ADMIN");
        assertThat(authorities("LEAD:payments", "LEAD:search", "CONTRIBUTOR"))
                .containsExactly("ROLE_VIEWER", "ROLE_CONTRIBUTOR", "ROLE_LEAD", "LEAD:payments", "LEAD:search");
    }

    @Test
    void readsBackWhatItWrites() {
        for (String text : List.of("VIEWER", "CONTRIBUTOR", "LEAD:payments", "PLANNER", "ADMIN")) {
            assertThat(Grant.parse(text)).hasToString(text);
        }
    }

    @Test
    void refusesWhatIsNoRoleALeadOfNothingAndATeamOfARoleThatHasNone() {
        assertThatThrownBy(() -> Grant.parse("OWNER")).hasMessageContaining("'OWNER' is not a role");
        assertThatThrownBy(() -> Grant.parse("viewer")).hasMessageContaining("is not a role");
        assertThatThrownBy(() -> Grant.parse("LEAD")).hasMessageContaining("a lead is named with its team");
        assertThatThrownBy(() -> Grant.parse("PLANNER:payments")).hasMessageContaining("no other role is");
        assertThatThrownBy(() -> Grant.parse("LEAD:Pay ments")).hasMessageContaining("is not a team id");
        assertThatThrownBy(() -> Grant.parse("LEAD:")).hasMessageContaining("is not a team id");
    }

    @Test
    void aPlannerMayLeadEveryTeamALeadOnlyItsOwnAndNobodyButAPlannerTheOrganisation() {
        Authentication lead = authentication("LEAD:payments");
        Authentication planner = authentication("PLANNER");
        assertThat(Caller.mayLead(lead, "payments")).isTrue();
        assertThat(Caller.mayLead(lead, "search")).isFalse();
        assertThat(Caller.mayLead(lead, null)).isFalse();
        assertThat(Caller.mayLead(planner, "search")).isTrue();
        assertThat(Caller.mayLead(planner, null)).isTrue();
        assertThat(Caller.mayLead(authentication("CONTRIBUTOR"), "payments")).isFalse();
    }

    private static Authentication authentication(String... grants) {
        return new TestingAuthenticationToken("someone", null, List.copyOf(
                Grant.authorities(List.of(grants).stream().map(Grant::parse).toList())));
    }

    private static List<String> authorities(String... grants) {
        return Grant.authorities(List.of(grants).stream().map(Grant::parse).toList()).stream()
                    .map(GrantedAuthority::getAuthority).toList();
    }
}
