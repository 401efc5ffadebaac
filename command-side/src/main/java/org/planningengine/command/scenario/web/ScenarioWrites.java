package org.planningengine.command.scenario.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.planningengine.command.PlanRegistry;
import org.planningengine.command.PlanRegistry.ScenarioFacts;
import org.planningengine.command.RuleViolated;
import org.planningengine.command.Rules;
import org.planningengine.command.StateConflict;
import org.planningengine.command.UnknownReference;
import org.planningengine.command.scenario.DiscardScenario;
import org.planningengine.command.scenario.ForkScenario;
import org.planningengine.command.scenario.RenameScenario;
import org.planningengine.command.web.CommandSender;
import org.planningengine.command.web.ProblemResponses;
import org.planningengine.command.web.ReasonRequest;
import org.planningengine.command.web.WriteResult;
import org.planningengine.eventlog.Branch;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.events.scenario.ScenarioStatus;
import org.planningengine.security.Caller;
import org.planningengine.security.Role;
import org.planningengine.security.web.LeastRole;
import org.planningengine.security.web.TakesIfMatch;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Scenarios of a cycle: fork one, rename or discard it, and every write of the plan sent into one. A write into a
 * scenario is the plan's own write at the path after {@code /api/scenarios/{id}}, with its rules, its access and its
 * answers, decided on the scenario's branch of the log and appended there.
 */
@RestController
@Tag(name = "Scenarios", description = "What-if scenarios: a cycle forked at an instant, changed apart from the plan")
class ScenarioWrites {

    /** Writes a scenario does not take: those that run on after their request, and the scenarios' own. */
    private static final Pattern NOT_IN_A_SCENARIO =
            Pattern.compile("/api/(cycles/[^/]+/(imports|okr-imports|scenarios)(/.*)?|scenarios(/.*)?|admin(/.*)?)");

    /**
     * @param id   the scenario's id, a slug
     * @param from the instant of the plan it starts from; now when left out
     * @param team the team a lead's scenario is limited to; none for a planner's
     */
    record ForkRequest(String id, String name, String from, String team) {
    }

    record RenameRequest(String name) {
    }

    private final CommandSender sender;
    private final PlanRegistry registry;
    private final MongoEventLog log;
    private final ScenarioApplication application;

    ScenarioWrites(CommandSender sender, PlanRegistry registry, MongoEventLog log, ScenarioApplication application) {
        this.sender = sender;
        this.registry = registry;
        this.log = log;
        this.application = application;
    }

    @Operation(summary = "Fork a scenario of a cycle, from now or from an instant of its past")
    @LeastRole(Role.LEAD)
    @PostMapping("/api/cycles/{cycleId}/scenarios")
    @ResponseStatus(HttpStatus.CREATED)
    WriteResult fork(@PathVariable String cycleId, @RequestBody ForkRequest request) {
        Caller.requireLeadOf(request.team());
        return sender.send(request.id(), new ForkScenario(request.id(), cycleId, request.name(),
                                                          instant(request.from()), request.team()));
    }

    @Operation(summary = "Rename a scenario")
    @LeastRole(value = Role.LEAD, of = "the scenario's team")
    @PostMapping("/api/scenarios/{scenarioId}/rename")
    @TakesIfMatch
    WriteResult rename(@PathVariable String scenarioId, @RequestBody RenameRequest request) {
        return sender.send(scenarioId, new RenameScenario(scenarioId, request.name()));
    }

    @Operation(summary = "Discard a scenario: it takes no more writes and stays readable")
    @LeastRole(value = Role.LEAD, of = "the scenario's team")
    @PostMapping("/api/scenarios/{scenarioId}/discard")
    @TakesIfMatch
    WriteResult discard(@PathVariable String scenarioId, @RequestBody ReasonRequest request) {
        return sender.send(scenarioId, new DiscardScenario(scenarioId, ReasonRequest.reasonOf(request)));
    }

    @Operation(summary = "Apply a scenario to the plan: its writes as your commands, all of them or none")
    @LeastRole(value = Role.LEAD, of = "the scenario's team")
    @PostMapping("/api/scenarios/{scenarioId}/apply")
    ScenarioApplication.Applied apply(@PathVariable String scenarioId,
                                      @RequestBody(required = false) ReasonRequest request) {
        String reason = ReasonRequest.reasonOf(request);
        Rules.optionalText("reason", reason, Rules.MAX_REASON);
        return application.apply(scenarioId, Caller.name(), reason);
    }

    /** A refused application names the changes of the plan it conflicts with. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> conflicting(ScenarioApplication.Conflicting refused) {
        ProblemDetail problem = ProblemResponses.detail(HttpStatus.CONFLICT, "state-conflict",
                                                        "Not allowed in the current state", refused.getMessage());
        problem.setProperty("conflicts", refused.conflicts());
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    /**
     * A write of the plan, sent into the scenario: the request goes on, as it came, to the plan's own endpoint, on
     * the scenario's branch. Its parameters are the plan's endpoint's, which checks them.
     */
    @Operation(summary = "Send any write of the plan into a scenario: the path after /api/scenarios/{scenarioId}")
    @LeastRole(value = Role.LEAD, of = "the scenario's team")
    @RequestMapping(path = "/api/scenarios/{scenarioId}/**", method = {RequestMethod.POST, RequestMethod.PUT})
    void write(@PathVariable String scenarioId, @RequestParam Map<String, String> plansParameters,
               HttpServletRequest request, HttpServletResponse response) {
        String prefix = request.getContextPath() + "/api/scenarios/" + scenarioId;
        String path = "/api" + request.getRequestURI().substring(prefix.length());
        if (NOT_IN_A_SCENARIO.matcher(path).matches()) {
            throw new UnknownReference(null, request.getMethod() + " " + path + " is not taken in a scenario: "
                                             + "imports, scenarios and users are the plan's alone");
        }
        ScenarioFacts scenario = open(scenarioId);
        log.onBranch(new Branch(scenarioId, scenario.forkedAt()), () -> {
            try {
                request.getRequestDispatcher(path).forward(request, response);
            } catch (ServletException | IOException failed) {
                throw new IllegalStateException("The write could not go on to " + path, failed);
            }
            return null;
        });
    }

    private ScenarioFacts open(String scenarioId) {
        ScenarioFacts scenario = registry.scenario(scenarioId).orElseThrow(
                () -> new UnknownReference(null, "scenario " + scenarioId + " does not exist"));
        if (scenario.status() != ScenarioStatus.OPEN) {
            throw new StateConflict("scenario " + scenarioId + " is " + scenario.status().name().toLowerCase()
                                    + "; it takes no more writes");
        }
        return scenario;
    }

    /** The instant of the plan a scenario starts from: one of the past, or now. */
    private static Instant instant(String from) {
        Instant now = Instant.now();
        if (from == null || from.isBlank()) {
            return now;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(from.strip()).toInstant();
        } catch (DateTimeParseException notAnInstant) {
            throw new RuleViolated("from", "from must be an instant such as 2027-05-01T09:30:00Z (was '" + from + "')");
        }
        if (instant.isAfter(now)) {
            throw new RuleViolated("from", "from " + instant + " is in the future: a scenario starts from the plan "
                                           + "as it stood, or as it stands");
        }
        return instant;
    }
}
