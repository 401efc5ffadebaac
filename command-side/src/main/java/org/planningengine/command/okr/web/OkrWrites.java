package org.planningengine.command.okr.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Role;
import org.planningengine.security.web.LeastRole;
import org.planningengine.command.Slugs;
import org.planningengine.command.okr.AddKeyResult;
import org.planningengine.command.okr.ArchiveObjective;
import org.planningengine.command.okr.CarryForwardObjective;
import org.planningengine.command.okr.GradeObjective;
import org.planningengine.command.okr.ObjectiveChanges;
import org.planningengine.command.okr.RestoreObjective;
import org.planningengine.command.okr.ReviewObjective;
import org.planningengine.command.okr.SetObjective;
import org.planningengine.command.okr.SetObjectiveRollup;
import org.planningengine.command.okr.UpdateKeyResult;
import org.planningengine.command.web.CommandSender;
import org.planningengine.command.web.ReasonRequest;
import org.planningengine.command.web.WriteResult;
import org.planningengine.events.AggregateIds;
import org.planningengine.events.okr.Direction;
import org.planningengine.events.okr.ReviewOutcome;
import org.planningengine.events.okr.RollupMode;
import org.planningengine.events.okr.SpaceDimension;
import org.planningengine.security.Caller;
import org.planningengine.security.web.TakesIfMatch;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes on objectives and their key results. Key results and check-ins answer the key result's id; a carry-forward
 * answers the successor's id and version. Each but the objective's creation takes {@code If-Match}, the version of
 * the objective in the path (for a carry-forward, of the objective carried, not of its successor).
 */
@RestController
@Tag(name = "Objectives",
        description = "Objectives and key results: set, checked in, reviewed, graded, carried forward")
@RequestMapping("/api/objectives")
class OkrWrites {

    record ObjectiveRequest(String id, String cycleId, String ownerTeamId, String title, String parentObjectiveId) {
    }

    record KeyResultRequest(String id, String title, String metric, String unit, BigDecimal baseline,
                            BigDecimal target, Direction direction, SpaceDimension spaceDimension) {
    }

    record CheckInRequest(@Schema(description = "The key result's value, in its unit") BigDecimal value,
                          @Schema(description = "How sure the target will be met: 0 to 1") BigDecimal confidence,
                          String comment,
                          @Schema(description = "When it was measured (ISO-8601 instant); none for now")
                          Instant measuredAt) {
    }

    record RollupRequest(RollupMode mode, Map<String, BigDecimal> keyResultWeights,
                         Map<String, BigDecimal> childWeights, String reason) {
    }

    record ReviewRequest(ReviewOutcome outcome, String reason, ObjectiveChanges changes) {
    }

    record GradeRequest(Map<String, BigDecimal> grades, String reason) {
    }

    record CarryForwardRequest(String toCycleId, String newObjectiveId, List<String> keyResultIds, String reason) {
    }

    private final CommandSender sender;

    OkrWrites(CommandSender sender) {
        this.sender = sender;
    }

    @Operation(summary = "Set an objective")
    @LeastRole(value = Role.LEAD, of = "the objective's owner team (an objective of the whole organisation: a planner)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    WriteResult set(@RequestBody ObjectiveRequest request) {
        Caller.requireLeadOf(request.ownerTeamId());
        String id = request.id() != null ? request.id() : Slugs.fromTitle(request.title());
        return sender.send(id, new SetObjective(id, request.cycleId(), request.ownerTeamId(), request.title(),
                                                request.parentObjectiveId()));
    }

    @Operation(summary = "Add a key result to an objective")
    @LeastRole(value = Role.LEAD, of = "the objective's owner team")
    @PostMapping("/{id}/key-results")
    @TakesIfMatch
    @ResponseStatus(HttpStatus.CREATED)
    WriteResult addKeyResult(@PathVariable String id, @RequestBody KeyResultRequest request) {
        String keyResultId = request.id() != null ? request.id() : Slugs.fromTitle(request.title());
        return sender.send(keyResultId, new AddKeyResult(id, keyResultId, request.title(), request.metric(),
                                                         request.unit(), request.baseline(), request.target(),
                                                         request.direction(), request.spaceDimension()));
    }

    @Operation(summary = "Check a key result in")
    @LeastRole(Role.CONTRIBUTOR)
    @PostMapping("/{id}/key-results/{keyResultId}/check-ins")
    @TakesIfMatch
    WriteResult checkIn(@PathVariable String id, @PathVariable String keyResultId,
                        @RequestBody CheckInRequest request) {
        return sender.send(keyResultId, new UpdateKeyResult(id, keyResultId, request.value(), request.confidence(),
                                                            request.comment(), request.measuredAt()));
    }

    @Operation(summary = "Choose how an objective's progress rolls its key results up")
    @LeastRole(value = Role.LEAD, of = "the objective's owner team")
    @PutMapping("/{id}/rollup")
    @TakesIfMatch
    WriteResult rollup(@PathVariable String id, @RequestBody RollupRequest request) {
        return sender.send(id, new SetObjectiveRollup(id, request.mode(), request.keyResultWeights(),
                                                      request.childWeights(), request.reason()));
    }

    @Operation(summary = "Review an objective: keep, change or retire it")
    @LeastRole(value = Role.LEAD, of = "the objective's owner team")
    @PostMapping("/{id}/reviews")
    @TakesIfMatch
    WriteResult review(@PathVariable String id, @RequestBody ReviewRequest request) {
        if (request.changes() != null && request.changes().ownerTeamId() != null) {
            Caller.requireLeadOf(request.changes().ownerTeamId()); // handing it over needs the new team too
        }
        return sender.send(id, new ReviewObjective(id, request.outcome(), request.changes(), request.reason()));
    }

    @Operation(summary = "Grade an objective")
    @LeastRole(value = Role.LEAD, of = "the objective's owner team")
    @PostMapping("/{id}/grade")
    @TakesIfMatch
    WriteResult grade(@PathVariable String id, @RequestBody(required = false) GradeRequest request) {
        GradeRequest grading = request == null ? new GradeRequest(null, null) : request;
        return sender.send(id, new GradeObjective(id, grading.grades(), grading.reason()));
    }

    @Operation(summary = "Carry an objective forward to a later cycle")
    @LeastRole(value = Role.LEAD, of = "the objective's owner team")
    @PostMapping("/{id}/carry-forward")
    @TakesIfMatch
    @ResponseStatus(HttpStatus.CREATED)
    WriteResult carryForward(@PathVariable String id, @RequestBody CarryForwardRequest request) {
        String successor = request.newObjectiveId() != null ? request.newObjectiveId()
                                                            : Slugs.fromTitle(id + "-" + request.toCycleId());
        return sender.send(successor, new CarryForwardObjective(id, request.toCycleId(), successor,
                                                                request.keyResultIds(), request.reason()),
                           AggregateIds.objective(successor));
    }

    @Operation(summary = "Archive an objective")
    @LeastRole(value = Role.LEAD, of = "the objective's owner team")
    @PostMapping("/{id}/archive")
    @TakesIfMatch
    WriteResult archive(@PathVariable String id, @RequestBody ReasonRequest request) {
        return sender.send(id, new ArchiveObjective(id, request.reason()));
    }

    @Operation(summary = "Restore an archived objective")
    @LeastRole(value = Role.LEAD, of = "the objective's owner team")
    @PostMapping("/{id}/restore")
    @TakesIfMatch
    WriteResult restore(@PathVariable String id, @RequestBody ReasonRequest request) {
        return sender.send(id, new RestoreObjective(id, request.reason()));
    }
}
