package org.planningengine.command.initiative.web;

import org.planningengine.command.Slugs;
import org.planningengine.command.initiative.AddDependency;
import org.planningengine.command.initiative.ArchiveInitiative;
import org.planningengine.command.initiative.CommitInitiative;
import org.planningengine.command.initiative.CompleteInitiative;
import org.planningengine.command.initiative.DeferInitiative;
import org.planningengine.command.initiative.DropInitiative;
import org.planningengine.command.initiative.LinkKeyResult;
import org.planningengine.command.initiative.ProposeInitiative;
import org.planningengine.command.initiative.RestoreInitiative;
import org.planningengine.command.initiative.ScoreInitiative;
import org.planningengine.command.initiative.StartInitiative;
import org.planningengine.command.web.CommandSender;
import org.planningengine.command.web.ReasonRequest;
import org.planningengine.command.web.WriteResult;
import org.planningengine.events.initiative.Category;
import org.planningengine.security.web.TakesIfMatch;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;

import static org.planningengine.command.web.ReasonRequest.reasonOf;

/**
 * Writes on initiatives: propose, score, move through the lifecycle, drop, defer, depend, link key results, archive
 * and restore. Each but the proposal takes {@code If-Match}, the initiative's version (not that of the plan a drop
 * or deferral releases).
 */
@RestController
@RequestMapping("/api/initiatives")
class InitiativeWrites {

    record ProposeRequest(String id, String cycleId, String teamId, String title, String description,
                          Category category) {
    }

    record ScoreRequest(BigDecimal reach, BigDecimal impact, BigDecimal confidence, BigDecimal effort,
                        String reason) {
    }

    record DeferRequest(String toCycleId, String reason) {
    }

    record DependencyRequest(String dependsOn) {
    }

    record KeyResultRequest(String objectiveId, String keyResultId) {
    }

    private final CommandSender sender;

    InitiativeWrites(CommandSender sender) {
        this.sender = sender;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    WriteResult propose(@RequestBody ProposeRequest request) {
        String id = request.id() != null ? request.id() : Slugs.fromTitle(request.title());
        return sender.send(id, new ProposeInitiative(id, request.cycleId(), request.teamId(), request.title(),
                                                     request.description(), request.category()));
    }

    @PostMapping("/{id}/score")
    @TakesIfMatch
    WriteResult score(@PathVariable String id, @RequestBody ScoreRequest request) {
        return sender.send(id, new ScoreInitiative(id, request.reach(), request.impact(), request.confidence(),
                                                   request.effort(), request.reason()));
    }

    @PostMapping("/{id}/commit")
    @TakesIfMatch
    WriteResult commit(@PathVariable String id, @RequestBody(required = false) ReasonRequest request) {
        return sender.send(id, new CommitInitiative(id, reasonOf(request)));
    }

    @PostMapping("/{id}/start")
    @TakesIfMatch
    WriteResult start(@PathVariable String id, @RequestBody(required = false) ReasonRequest request) {
        return sender.send(id, new StartInitiative(id, reasonOf(request)));
    }

    @PostMapping("/{id}/complete")
    @TakesIfMatch
    WriteResult complete(@PathVariable String id, @RequestBody(required = false) ReasonRequest request) {
        return sender.send(id, new CompleteInitiative(id, reasonOf(request)));
    }

    @PostMapping("/{id}/drop")
    @TakesIfMatch
    WriteResult drop(@PathVariable String id, @RequestBody ReasonRequest request) {
        return sender.send(id, new DropInitiative(id, request.reason()));
    }

    @PostMapping("/{id}/defer")
    @TakesIfMatch
    WriteResult defer(@PathVariable String id, @RequestBody DeferRequest request) {
        return sender.send(id, new DeferInitiative(id, request.toCycleId(), request.reason()));
    }

    @PostMapping("/{id}/dependencies")
    @TakesIfMatch
    WriteResult addDependency(@PathVariable String id, @RequestBody DependencyRequest request) {
        return sender.send(id, new AddDependency(id, request.dependsOn()));
    }

    @PostMapping("/{id}/key-results")
    @TakesIfMatch
    WriteResult linkKeyResult(@PathVariable String id, @RequestBody KeyResultRequest request) {
        return sender.send(id, new LinkKeyResult(id, request.objectiveId(), request.keyResultId()));
    }

    @PostMapping("/{id}/archive")
    @TakesIfMatch
    WriteResult archive(@PathVariable String id, @RequestBody ReasonRequest request) {
        return sender.send(id, new ArchiveInitiative(id, request.reason()));
    }

    @PostMapping("/{id}/restore")
    @TakesIfMatch
    WriteResult restore(@PathVariable String id, @RequestBody ReasonRequest request) {
        return sender.send(id, new RestoreInitiative(id, request.reason()));
    }
}
