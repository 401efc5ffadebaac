package org.planningengine.command.team.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Role;
import org.planningengine.security.web.LeastRole;
import org.planningengine.command.team.ArchiveTeam;
import org.planningengine.command.team.RegisterTeam;
import org.planningengine.command.team.RestoreTeam;
import org.planningengine.command.web.CommandSender;
import org.planningengine.command.web.ReasonRequest;
import org.planningengine.command.web.WriteResult;
import org.planningengine.security.web.TakesIfMatch;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Writes on teams: register one, archive and restore it. */
@RestController
@Tag(name = "Teams", description = "Teams, which own initiatives, capacity and objectives")
class TeamWrites {

    record RegisterRequest(String id, String name, String parentId) {
    }

    private final CommandSender sender;

    TeamWrites(CommandSender sender) {
        this.sender = sender;
    }

    @Operation(summary = "Register a team")
    @LeastRole(Role.PLANNER)
    @PostMapping("/api/teams")
    @ResponseStatus(HttpStatus.CREATED)
    WriteResult register(@RequestBody RegisterRequest request) {
        return sender.send(request.id(), new RegisterTeam(request.id(), request.name(), request.parentId()));
    }

    @Operation(summary = "Archive a team")
    @LeastRole(Role.PLANNER)
    @PostMapping("/api/teams/{teamId}/archive")
    @TakesIfMatch
    WriteResult archive(@PathVariable String teamId, @RequestBody ReasonRequest request) {
        return sender.send(teamId, new ArchiveTeam(teamId, request.reason()));
    }

    @Operation(summary = "Restore an archived team")
    @LeastRole(Role.PLANNER)
    @PostMapping("/api/teams/{teamId}/restore")
    @TakesIfMatch
    WriteResult restore(@PathVariable String teamId, @RequestBody ReasonRequest request) {
        return sender.send(teamId, new RestoreTeam(teamId, request.reason()));
    }
}
