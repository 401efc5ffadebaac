package org.planningengine.command.cycle.web;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Role;
import org.planningengine.security.web.LeastRole;
import org.planningengine.command.cycle.ArchiveCycle;
import org.planningengine.command.cycle.ChangeCapacityPolicy;
import org.planningengine.command.cycle.CloseCycle;
import org.planningengine.command.cycle.CommitPlan;
import org.planningengine.command.cycle.RestoreCycle;
import org.planningengine.command.cycle.StartCycle;
import org.planningengine.command.web.CommandSender;
import org.planningengine.command.web.OverrideRequest;
import org.planningengine.command.web.ReasonRequest;
import org.planningengine.command.web.WriteResult;
import org.planningengine.eventlog.MongoEventLog;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.cycle.CycleClosed;
import org.planningengine.events.cycle.UnfinishedInitiative;
import org.planningengine.security.web.TakesIfMatch;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/**
 * Writes on cycles: start one, change its capacity policy, commit its plan, close it, archive and restore it. All
 * but the start take {@code If-Match}, the cycle's version.
 */
@RestController
@Tag(name = "Cycles", description = "Planning cycles: their dates, capacity policy, commit and close")
@RequestMapping("/api/cycles")
class CycleWrites {

    record StartRequest(String id, String name, LocalDate startDate, LocalDate endDate, PolicyRequest policy) {
    }

    // Named: another type of the API has the same simple name
    @Schema(name = "PolicyChangeRequest")
    record PolicyChange(PolicyRequest policy, String reason, OverrideRequest override) {
    }

    /** A close answers the work it left unfinished besides what every write answers. */
    record CloseAnswer(String id, long version, String consistencyToken, List<UnfinishedInitiative> unfinished) {
    }

    private final CommandSender sender;
    private final MongoEventLog log;

    CycleWrites(CommandSender sender, MongoEventLog log) {
        this.sender = sender;
        this.log = log;
    }

    @Operation(summary = "Start a cycle")
    @LeastRole(Role.PLANNER)
    @PostMapping
    @ApiResponse(responseCode = "201", description = "Started",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WriteResult.class)))
    ResponseEntity<WriteResult> start(@RequestBody StartRequest request) {
        WriteResult result = sender.send(request.id(), new StartCycle(
                request.id(), request.name(), request.startDate(), request.endDate(),
                PolicyRequest.toPolicy(request.policy())));
        return ResponseEntity.created(URI.create("/api/cycles/" + result.id())).body(result);
    }

    @Operation(summary = "Change a cycle's capacity policy")
    @LeastRole(Role.PLANNER)
    @PutMapping("/{cycleId}/policy")
    @TakesIfMatch
    WriteResult changePolicy(@PathVariable String cycleId, @RequestBody PolicyChange request) {
        return sender.send(cycleId, new ChangeCapacityPolicy(cycleId, PolicyRequest.toPolicy(request.policy()),
                                                             request.reason(),
                                                             OverrideRequest.reasonOf(request.override())));
    }

    @Operation(summary = "Commit a cycle's plan")
    @LeastRole(Role.PLANNER)
    @PostMapping("/{cycleId}/commit")
    @TakesIfMatch
    WriteResult commit(@PathVariable String cycleId, @RequestBody(required = false) ReasonRequest request) {
        return sender.send(cycleId, new CommitPlan(cycleId, ReasonRequest.reasonOf(request)));
    }

    /** The unfinished work is read from the close's event, so that a retry under its idempotency key answers it too. */
    @Operation(summary = "Close a cycle, answering its unfinished work")
    @LeastRole(Role.PLANNER)
    @PostMapping("/{cycleId}/close")
    @TakesIfMatch
    CloseAnswer close(@PathVariable String cycleId, @RequestBody(required = false) ReasonRequest request) {
        WriteResult closed = sender.send(cycleId, new CloseCycle(cycleId, ReasonRequest.reasonOf(request)));
        CycleClosed event = (CycleClosed) log.readEvents(AggregateIds.cycle(cycleId), closed.version()).next()
                                             .getPayload();
        return new CloseAnswer(closed.id(), closed.version(), closed.consistencyToken(), event.unfinished());
    }

    @Operation(summary = "Archive a cycle")
    @LeastRole(Role.PLANNER)
    @PostMapping("/{cycleId}/archive")
    @TakesIfMatch
    WriteResult archive(@PathVariable String cycleId, @RequestBody ReasonRequest request) {
        return sender.send(cycleId, new ArchiveCycle(cycleId, request.reason()));
    }

    @Operation(summary = "Restore an archived cycle")
    @LeastRole(Role.PLANNER)
    @PostMapping("/{cycleId}/restore")
    @TakesIfMatch
    WriteResult restore(@PathVariable String cycleId, @RequestBody ReasonRequest request) {
        return sender.send(cycleId, new RestoreCycle(cycleId, request.reason()));
    }
}
