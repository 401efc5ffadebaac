package org.planningengine.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads a bearer token's user name and roles from the claims configuration names. A role the engine does not know is
 * left out (an identity provider's token carries roles of other systems too), never fatal.
 */
class TokenGrants implements Converter<Jwt, AbstractAuthenticationToken> {

    private static final Logger log = LoggerFactory.getLogger(TokenGrants.class);

    private final SecuritySettings.Jwt claims;

    TokenGrants(SecuritySettings.Jwt claims) {
        this.claims = claims;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<Grant> grants = new ArrayList<>();
        for (String text : roles(jwt)) {
            try {
                grants.add(Grant.parse(text));
            } catch (IllegalArgumentException unknown) {
                log.debug("token of {} names a role the engine does not know: {}", jwt.getSubject(), text);
            }
        }
        String name = jwt.getClaimAsString(claims.principalClaim());
        if (name == null || name.isBlank()) {
            throw new InvalidBearerTokenException("the token has no '" + claims.principalClaim()
                                                  + "' claim to name its user");
        }
        return new JwtAuthenticationToken(jwt, Grant.authorities(grants), name);
    }

    private Collection<String> roles(Jwt jwt) {
        Object value = jwt.getClaims();
        for (String step : claims.rolesClaim().split("\\.")) {
            value = value instanceof Map<?, ?> object ? object.get(step) : null;
        }
        if (value instanceof String text) {
            return Arrays.asList(text.trim().split("\\s+"));
        }
        if (value instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
