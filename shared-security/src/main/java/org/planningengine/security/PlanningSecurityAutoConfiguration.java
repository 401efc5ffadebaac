package org.planningengine.security;

import com.mongodb.client.MongoDatabase;
import org.planningengine.security.web.WebProblems;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

import java.util.List;

/**
 * Who may call the engine. By default users sign in with a name and password (HTTP Basic), kept in configuration
 * or in the user store; once an OAuth2 issuer is configured ({@code spring.security.oauth2.resourceserver.jwt.*}),
 * callers send a bearer token instead and users live in the identity provider. Every request is stateless: no
 * session, so no cookie to forge a request with, so no CSRF token either.
 */
@AutoConfiguration(before = {OAuth2ResourceServerAutoConfiguration.class, SecurityAutoConfiguration.class,
        UserDetailsServiceAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(SecuritySettings.class)
public class PlanningSecurityAutoConfiguration {

    private static final String JWT = "spring.security.oauth2.resourceserver.jwt.";

    /** How callers prove who they are. */
    @FunctionalInterface
    interface SignIn {
        void configure(HttpSecurity http) throws Exception;
    }

    @Bean
    SecurityFilterChain planningSecurity(HttpSecurity http, List<AccessRules> sides, SignIn signIn,
                                         ObjectProvider<RequestMappingInfoHandlerMapping> mappings) throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(AbstractHttpConfigurer::disable)
            .exceptionHandling(refusals -> refusals.accessDeniedHandler(AccessProblems::writeForbidden))
            .authorizeHttpRequests(requests -> {
                // Health for the orchestrator, metrics for the scraper: neither tells anything of the plan.
                requests.requestMatchers("/actuator/health/**", "/actuator/info", "/actuator/prometheus").permitAll();
                sides.forEach(side -> side.addTo(requests));
                // An /api path no rule names is closed, unless it is mapped for other methods only: that is a 405.
                requests.requestMatchers("/api/**").access(new WrongMethods(mappings))
                        .requestMatchers("/actuator/**").denyAll()
                        .anyRequest().permitAll();
            });
        signIn.configure(http);
        return http.build();
    }

    /**
     * A request the firewall refuses (an encoded slash or backslash, a NUL, {@code ..}, {@code ;}, {@code //} in its
     * path) is a {@code 400} problem like any other malformed request.
     */
    @Bean
    RequestRejectedHandler problemForRejectedRequests() {
        return (request, response, rejected) -> WebProblems.write(
                response, WebProblems.ofStatus(400, request.getMethod(), request.getRequestURI()));
    }

    /** Whether an OAuth2 issuer is configured, in any of the ways Spring Boot builds a token decoder from. */
    static class IssuerConfigured extends AnyNestedCondition {

        IssuerConfigured() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(JWT + "issuer-uri")
        static class ByIssuer {
        }

        @ConditionalOnProperty(JWT + "jwk-set-uri")
        static class ByKeySet {
        }

        @ConditionalOnProperty(JWT + "public-key-location")
        static class ByPublicKey {
        }
    }

    static class NoIssuerConfigured extends NoneNestedConditions {

        NoIssuerConfigured() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @Conditional(IssuerConfigured.class)
        static class Issuer {
        }
    }

    /** Users with a name and password, in configuration and the user store. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(NoIssuerConfigured.class)
    static class Passwords {

        @Bean
        PasswordEncoder passwordEncoder() {
            return new VerifiedPasswords(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        }

        @Bean
        PlanningUsers planningUsers(SecuritySettings settings, MongoDatabase database) {
            return new PlanningUsers(settings, new UserAccounts(database));
        }

        @Bean
        FirstAdministrator firstAdministrator(PlanningUsers users, PasswordEncoder encoder) {
            return new FirstAdministrator(users, encoder);
        }

        @Bean
        SignIn basicSignIn() {
            return http -> http.httpBasic(basic -> basic.authenticationEntryPoint((request, response, failure) -> {
                // A script of a page (the dashboard) signs in by itself; challenging it would pop the browser's box.
                if (!"XMLHttpRequest".equals(request.getHeader("X-Requested-With"))) {
                    response.setHeader("WWW-Authenticate", "Basic realm=\"planning-engine\"");
                }
                AccessProblems.writeUnauthenticated(response, failure, "a user name and password (HTTP Basic)");
            }));
        }
    }

    /** Bearer tokens from the configured OAuth2 issuer, decoded by the decoder Spring Boot makes for it. */
    @Configuration(proxyBeanMethods = false)
    @Conditional(IssuerConfigured.class)
    static class BearerTokens {

        @Bean
        SignIn bearerSignIn(SecuritySettings settings) {
            BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();
            return http -> http.oauth2ResourceServer(server -> server
                    .jwt(jwt -> jwt.jwtAuthenticationConverter(new TokenGrants(settings.jwt())))
                    .authenticationEntryPoint((request, response, failure) -> {
                        challenge.commence(request, response, failure);
                        AccessProblems.writeUnauthenticated(response, failure, "a bearer token");
                    }));
        }
    }
}
