package org.planningengine.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * The roles each side's endpoints need, added by that side to the one chain of rules. Any {@code /api} request no
 * side names is refused: a new endpoint is closed until a rule opens it.
 */
@FunctionalInterface
public interface AccessRules {

    void addTo(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests);
}
