package org.planningengine.command.initiative.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Role;
import org.planningengine.security.web.LeastRole;
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
@Tag(name = "Initiatives",
        description = "Initiatives: proposed, RICE-scored, committed, started, completed, dropped or deferred")
@RequestMapping("/api/initiatives")
class InitiativeWrites {

    record ProposeRequest(String id, String cycleId, String teamId, String title, String description,
                          Category category) {
    }

    record ScoreRequest(
            @Schema(description = "RICE reach: people or events per quarter, 0 or more") BigDecimal reach,
            @Schema(description = "RICE impact: 0.25 minimal, 0.5 low, 1 medium, 2 high, 3 massive")
            BigDecimal impact,
            @Schema(description = "RICE confidence: more than 0, at most 1 (0.8 is 80 %)") BigDecimal confidence,
            @Schema(description = "RICE effort: person-weeks, more than 0") BigDecimal effort,
            String reason) {
    }

    record DeferRequest(String toCycleId, String reason) {
    }

    record DependencyRequest(String dependsOn) {
    }

    // Named: another type of the API has the same simple name
    @Schema(name = "KeyResultLinkRequest")
    record KeyResultRequest(String objectiveId, String keyResultId) {
    }

    private final CommandSender sender;

    InitiativeWrites(CommandSender sender) {
        this.sender = sender;
    }

    @Operation(summary = "Propose an initiative")
    @LeastRole(Role.CONTRIBUTOR)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    WriteResult propose(@RequestBody ProposeRequest request) {
        String id = request.id() != null ? request.id() : Slugs.fromTitle(request.title());
        return sender.send(id, new ProposeInitiative(id, request.cycleId(), request.teamId(), request.title(),
                                                     request.description(), request.category()));
    }

    @Operation(summary = "Score an initiative (RICE)")
    @LeastRole(Role.CONTRIBUTOR)
    @PostMapping("/{id}/score")
    @TakesIfMatch
    WriteResult score(@PathVariable String id, @RequestBody ScoreRequest request) {
        return sender.send(id, new ScoreInitiative(id, request.reach(), request.impact(), request.confidence(),
                                                   request.effort(), request.reason()));
    }

    @Operation(summary = "Commit an initiative to its cycle")
    @LeastRole(value = Role.LEAD, of = "the initiative's team")
    @PostMapping("/{id}/commit")
    @TakesIfMatch
    WriteResult commit(@PathVariable String id, @RequestBody(required = false) ReasonRequest request) {
        return sender.send(id, new CommitInitiative(id, reasonOf(request)));
    }

    @Operation(summary = "Start a committed initiative")
    @LeastRole(value = Role.LEAD, of = "the initiative's team")
    @PostMapping("/{id}/start")
    @TakesIfMatch
    WriteResult start(@PathVariable String id, @RequestBody(required = false) ReasonRequest request) {
        return sender.send(id, new StartInitiative(id, reasonOf(request)));
    }

    @Operation(summary = "Complete a started initiative")
    @LeastRole(value = Role.LEAD, of = "the initiative's team")
    @PostMapping("/{id}/complete")
    @TakesIfMatch
    WriteResult complete(@PathVariable String id, @RequestBody(required = false) ReasonRequest request) {
        return sender.send(id, new CompleteInitiative(id, reasonOf(request)));
    }

    @Operation(summary = "Drop an initiative")
    @LeastRole(value = Role.LEAD, of = "the initiative's team")
    @PostMapping("/{id}/drop")
    @TakesIfMatch
    WriteResult drop(@PathVariable String id, @RequestBody ReasonRequest request) {
        return sender.send(id, new DropInitiative(id, request.reason()));
    }

    @Operation(summary = "Defer an initiative to a later cycle")
    @LeastRole(value = Role.LEAD, of = "the initiative's team")
    @PostMapping("/{id}/defer")
    @TakesIfMatch
    WriteResult defer(@PathVariable String id, @RequestBody DeferRequest request) {
        return sender.send(id, new DeferInitiative(id, request.toCycleId(), request.reason()));
    }

    @Operation(summary = "Make an initiative depend on another")
    @LeastRole(Role.CONTRIBUTOR)
    @PostMapping("/{id}/dependencies")
    @TakesIfMatch
    WriteResult addDependency(@PathVariable String id, @RequestBody DependencyRequest request) {
        return sender.send(id, new AddDependency(id, request.dependsOn()));
    }

    @Operation(summary = "Link an initiative to a key result it moves")
    @LeastRole(Role.CONTRIBUTOR)
    @PostMapping("/{id}/key-results")
    @TakesIfMatch
    WriteResult linkKeyResult(@PathVariable String id, @RequestBody KeyResultRequest request) {
        return sender.send(id, new LinkKeyResult(id, request.objectiveId(), request.keyResultId()));
    }

    @Operation(summary = "Archive an initiative")
    @LeastRole(value = Role.LEAD, of = "the initiative's team")
    @PostMapping("/{id}/archive")
    @TakesIfMatch
    WriteResult archive(@PathVariable String id, @RequestBody ReasonRequest request) {
        return sender.send(id, new ArchiveInitiative(id, request.reason()));
    }

    @Operation(summary = "Restore an archived initiative")
    @LeastRole(value = Role.LEAD, of = "the initiative's team")
    @PostMapping("/{id}/restore")
    @TakesIfMatch
    WriteResult restore(@PathVariable String id, @RequestBody ReasonRequest request) {
        return sender.send(id, new RestoreInitiative(id, request.reason()));
    }
}
