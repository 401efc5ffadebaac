package org.planningengine.command.web.access;

import org.planningengine.command.PlanRegistry;
import org.planningengine.command.PlanRegistry.InitiativeFacts;
import org.planningengine.command.PlanRegistry.ObjectiveFacts;
import org.planningengine.command.PlanRegistry.ScenarioFacts;
import org.planningengine.security.AccessRules;
import org.planningengine.security.Caller;
import org.planningengine.security.Refusal;
import org.planningengine.security.Role;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.Function;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

/**
 * Who may send each write. Contributors propose, score and link initiatives, check key results in and record
 * lessons; a lead sets its team's capacity and allocations and decides on its team's initiatives and objectives;
 * planners run cycles, policies and teams (archiving and restoring them too) and may act as the lead of every team;
 * administrators manage users. Archiving an initiative or objective is a decision of its team's lead.
 * The team of an initiative or objective is looked up in the log (it never changes for an initiative); one that
 * does not exist has no lead, so only a planner gets as far as its {@code 404}.
 */
@Component
class WriteAccess implements AccessRules {

    private final PlanRegistry registry;

    WriteAccess(PlanRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void addTo(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        requests.requestMatchers(POST, "/api/cycles", "/api/cycles/*/commit", "/api/cycles/*/close",
                                 "/api/cycles/*/archive", "/api/cycles/*/restore", "/api/teams", "/api/teams/*/archive",
                                 "/api/teams/*/restore")
                .hasRole(Role.PLANNER.name())
                .requestMatchers(PUT, "/api/cycles/*/policy", "/api/cycles/*/teams/*/policy")
                .hasRole(Role.PLANNER.name())
                .requestMatchers(PUT, "/api/cycles/*/teams/{teamId}/capacity")
                .access(leadOf("teamId", Optional::of))
                .requestMatchers(POST, "/api/cycles/*/teams/{teamId}/allocations")
                .access(leadOf("teamId", Optional::of))
                .requestMatchers(POST, "/api/initiatives", "/api/initiatives/*/score", "/api/initiatives/*/dependencies",
                                 "/api/initiatives/*/key-results", "/api/objectives/*/key-results/*/check-ins",
                                 "/api/lessons")
                .hasRole(Role.CONTRIBUTOR.name())
                .requestMatchers(POST,
                                 "/api/initiatives/{id}/{decision:commit|start|complete|drop|defer|archive|restore}")
                .access(leadOf("id", id -> registry.initiative(id).map(InitiativeFacts::teamId)))
                // Which team a new objective belongs to is in its body: OkrWrites asks Caller.requireLeadOf once it is read.
                .requestMatchers(POST, "/api/objectives").hasRole(Role.LEAD.name())
                .requestMatchers(POST, "/api/objectives/{id}/{decision:key-results|reviews|grade|carry-forward"
                                       + "|archive|restore}")
                .access(leadOf("id", id -> registry.objective(id).map(ObjectiveFacts::ownerTeamId)))
                .requestMatchers(PUT, "/api/objectives/{id}/rollup")
                .access(leadOf("id", id -> registry.objective(id).map(ObjectiveFacts::ownerTeamId)))
                // An import proposes and scores; an OKR import sets objectives, and Imports asks Caller.requireLeadOf
                // for the team of each once the file is read.
                .requestMatchers(POST, "/api/cycles/*/imports").hasRole(Role.CONTRIBUTOR.name())
                .requestMatchers(POST, "/api/cycles/*/okr-imports").hasRole(Role.LEAD.name())
                .requestMatchers(GET, "/api/cycles/*/imports/*").hasRole(Role.VIEWER.name())
                // A scenario is its team lead's, or a planner's; a write sent into one is then checked again at the
                // plan's own path, on the scenario's branch, as it goes on there.
                .requestMatchers(POST, "/api/cycles/*/scenarios").hasRole(Role.LEAD.name())
                .requestMatchers(POST, "/api/scenarios/{id}/**").access(leadOf("id", this::teamOfScenario))
                .requestMatchers(PUT, "/api/scenarios/{id}/**").access(leadOf("id", this::teamOfScenario))
                .requestMatchers(GET, "/api/admin/users").hasRole(Role.ADMIN.name())
                .requestMatchers(PUT, "/api/admin/users/*").hasRole(Role.ADMIN.name())
                .requestMatchers(DELETE, "/api/admin/users/*").hasRole(Role.ADMIN.name());
    }

    private Optional<String> teamOfScenario(String scenarioId) {
        return registry.scenario(scenarioId).map(ScenarioFacts::teamId);
    }

    /**
     * Allows planners, and leads of the team the path's id leads to.
     *
     * @param teamOf the team of the id in the path; empty when there is no such thing or it is the organisation's
     */
    private static AuthorizationManager<RequestAuthorizationContext> leadOf(
            String variable, Function<String, Optional<String>> teamOf) {
        return (authentication, context) -> {
            String teamId = teamOf.apply(context.getVariables().get(variable)).orElse(null);
            return Caller.mayLead(authentication.get(), teamId) ? new AuthorizationDecision(true)
                                                                : new Refusal(Caller.leadRequirement(teamId));
        };
    }
}
