package org.planningengine.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;
import java.util.Map;

/**
 * {@code planning.security}: users named in configuration (each with a hashed password and its roles), and where a
 * bearer token carries the user's name and roles when an OAuth2 issuer is configured.
 *
 * @param users by name; a password is a Spring Security hash with its id, as {@code {bcrypt}$2a$10$...}
 */
@ConfigurationProperties("planning.security")
public record SecuritySettings(Map<String, ConfiguredUser> users, @DefaultValue Jwt jwt) {

    public SecuritySettings {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    public record ConfiguredUser(String password, List<String> roles) {
    }

    /**
     * @param principalClaim the claim whose value is the user's name, the actor of its writes
     * @param rolesClaim     the claim listing its roles (a list or a space-separated text); a dotted path reaches
     *                       into objects, as {@code realm_access.roles}
     */
    public record Jwt(@DefaultValue("sub") String principalClaim, @DefaultValue("roles") String rolesClaim) {
    }
}
