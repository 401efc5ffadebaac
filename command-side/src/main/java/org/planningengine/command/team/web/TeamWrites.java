package org.planningengine.command.team.web;

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
class TeamWrites {

    record RegisterRequest(String id, String name, String parentId) {
    }

    private final CommandSender sender;

    TeamWrites(CommandSender sender) {
        this.sender = sender;
    }

    @PostMapping("/api/teams")
    @ResponseStatus(HttpStatus.CREATED)
    WriteResult register(@RequestBody RegisterRequest request) {
        return sender.send(request.id(), new RegisterTeam(request.id(), request.name(), request.parentId()));
    }

    @PostMapping("/api/teams/{teamId}/archive")
    @TakesIfMatch
    WriteResult archive(@PathVariable String teamId, @RequestBody ReasonRequest request) {
        return sender.send(teamId, new ArchiveTeam(teamId, request.reason()));
    }

    @PostMapping("/api/teams/{teamId}/restore")
    @TakesIfMatch
    WriteResult restore(@PathVariable String teamId, @RequestBody ReasonRequest request) {
        return sender.send(teamId, new RestoreTeam(teamId, request.reason()));
    }
}
