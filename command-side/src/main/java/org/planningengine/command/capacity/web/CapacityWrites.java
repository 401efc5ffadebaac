package org.planningengine.command.capacity.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Role;
import org.planningengine.security.web.LeastRole;
import org.planningengine.command.capacity.AllocateCapacity;
import org.planningengine.command.capacity.OverrideTeamPolicy;
import org.planningengine.command.capacity.SetTeamCapacity;
import org.planningengine.command.cycle.web.PolicyRequest;
import org.planningengine.command.web.CommandSender;
import org.planningengine.command.web.OverrideRequest;
import org.planningengine.command.web.WriteResult;
import org.planningengine.security.web.TakesIfMatch;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;

/**
 * Writes on a team's plan for a cycle: its capacity, its own policy, its allocations. Capacity and policy answer the
 * team's id, an allocation the initiative's; the version is the plan's, and so is the one {@code If-Match} names.
 */
@RestController
@Tag(name = "Capacity", description = "Each team's capacity in a cycle (person-weeks), its policy and its allocations")
@RequestMapping("/api/cycles/{cycleId}/teams/{teamId}")
class CapacityWrites {

    record CapacityRequest(@Schema(description = "The team's capacity in the cycle, in person-weeks, 0 or more")
                           BigDecimal personWeeks, String reason, OverrideRequest override) {
    }

    record PolicyOverride(PolicyRequest policy, String reason, OverrideRequest override) {
    }

    record AllocationRequest(String initiativeId,
                             @Schema(description = "Person-weeks of the team's capacity for the initiative, 0 or "
                                                   + "more (0 releases it)") BigDecimal personWeeks,
                             String reason, OverrideRequest override) {
    }

    private final CommandSender sender;

    CapacityWrites(CommandSender sender) {
        this.sender = sender;
    }

    @Operation(summary = "Set a team's capacity in a cycle (person-weeks)")
    @LeastRole(value = Role.LEAD, of = "the team in the path")
    @PutMapping("/capacity")
    @TakesIfMatch
    WriteResult setCapacity(@PathVariable String cycleId, @PathVariable String teamId,
                            @RequestBody CapacityRequest request) {
        return sender.send(teamId, new SetTeamCapacity(cycleId, teamId, request.personWeeks(), request.reason(),
                                                       OverrideRequest.reasonOf(request.override())));
    }

    @Operation(summary = "Give a team a capacity policy of its own in a cycle")
    @LeastRole(Role.PLANNER)
    @PutMapping("/policy")
    @TakesIfMatch
    WriteResult overridePolicy(@PathVariable String cycleId, @PathVariable String teamId,
                               @RequestBody PolicyOverride request) {
        return sender.send(teamId, new OverrideTeamPolicy(cycleId, teamId, PolicyRequest.toPolicy(request.policy()),
                                                          request.reason(),
                                                          OverrideRequest.reasonOf(request.override())));
    }

    @Operation(summary = "Allocate person-weeks of a team to an initiative")
    @LeastRole(value = Role.LEAD, of = "the team in the path")
    @PostMapping("/allocations")
    @TakesIfMatch
    WriteResult allocate(@PathVariable String cycleId, @PathVariable String teamId,
                         @RequestBody AllocationRequest request) {
        return sender.send(request.initiativeId(), new AllocateCapacity(
                cycleId, teamId, request.initiativeId(), request.personWeeks(), request.reason(),
                OverrideRequest.reasonOf(request.override())));
    }
}
