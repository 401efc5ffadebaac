package org.planningengine.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenGrantsTest {

    @Test
    void readsTheNameAndTheRolesFromTheConfiguredClaimsLeavingOutRolesOfOtherSystems() {
        TokenGrants grants = new TokenGrants(new SecuritySettings.Jwt("preferred_username", "realm_access.roles"));
        Jwt token = token(Map.of("sub", "5f1c", "preferred_username", "li",
                                 "realm_access", Map.of("roles", List.of("LEAD:payments", "offline_access"))));

        var authentication = grants.convert(token);

        assertThat(authentication.getName()).isEqualTo("li");
        assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                                                   .containsExactly("ROLE_VIEWER", "ROLE_CONTRIBUTOR", "ROLE_LEAD",
                                                                    "LEAD:payments");
    }

    @Test
    void takesRolesAsASpaceSeparatedTextTooAndNoneWhenTheClaimIsMissing() {
        TokenGrants grants = new TokenGrants(new SecuritySettings.Jwt("sub", "roles"));

        assertThat(grants.convert(token(Map.of("sub", "maria", "roles", "VIEWER PLANNER"))).getAuthorities())
                .extracting(GrantedAuthority::getAuthority).contains("ROLE_PLANNER");
        assertThat(grants.convert(token(Map.of("sub", "maria"))).getAuthorities()).isEmpty();
    }

    @Test
    void refusesATokenThatDoesNotNameItsUser() {
        TokenGrants grants = new TokenGrants(new SecuritySettings.Jwt("preferred_username", "roles"));

        assertThatThrownBy(() -> grants.convert(token(Map.of("sub", "5f1c", "roles", List.of("ADMIN")))))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("no 'preferred_username' claim");
    }

    private static Jwt token(Map<String, Object> claims) {
        return Jwt.withTokenValue("token").header("alg", "RS256").claims(all -> all.putAll(claims)).build();
    }
}
