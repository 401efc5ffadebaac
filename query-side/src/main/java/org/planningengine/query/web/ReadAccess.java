package org.planningengine.query.web;

import org.planningengine.security.AccessRules;
import org.planningengine.security.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.stereotype.Component;

/**
 * Every view is for viewers (and so for every role); the projections' administration is for administrators; webhook
 * subscriptions, which make the engine call out, for planners and administrators.
 */
@Component
class ReadAccess implements AccessRules {

    @Override
    public void addTo(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers("/api/admin/projections/**").hasRole(Role.ADMIN.name())
                .requestMatchers("/api/webhooks", "/api/webhooks/**").hasAnyRole(Role.PLANNER.name(), Role.ADMIN.name())
                .requestMatchers(HttpMethod.GET, "/api/admin/**").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.GET, "/api/**").hasRole(Role.VIEWER.name());
    }
}
