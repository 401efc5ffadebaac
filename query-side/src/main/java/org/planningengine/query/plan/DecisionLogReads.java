package org.planningengine.query.plan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Role;
import org.planningengine.security.web.LeastRole;
import org.planningengine.query.cycle.CycleViews;
import org.planningengine.query.decision.DecisionReads;
import org.planningengine.query.decision.DecisionReads.DecisionLog;
import org.planningengine.query.decision.DecisionReads.DecisionPage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The decision log, searched by cycle, actor, type and time range, newest first, a page at a time (or all of it, as
 * CSV or Markdown). A cycle that does not exist is a {@code 404}, not an empty log.
 */
@RestController
@Tag(name = "Decisions", description = "The decision log: every decision, who made it, when and why")
public class DecisionLogReads {

    private final DecisionReads decisions;
    private final CycleViews cycles;

    public DecisionLogReads(DecisionReads decisions, CycleViews cycles) {
        this.decisions = decisions;
        this.cycles = cycles;
    }

    @Operation(summary = "The decision log, newest first, a page at a time (JSON), or all of it as CSV or Markdown")
    @LeastRole(Role.VIEWER)
    @GetMapping("/api/decisions")
    DecisionPage decisions(@RequestParam(required = false) String cycle,
                           @RequestParam(required = false) String actor,
                           @RequestParam(required = false) String type,
                           @RequestParam(required = false) String from,
                           @RequestParam(required = false) String to,
                           @RequestParam(defaultValue = "0") String page,
                           @RequestParam(defaultValue = "50") String size) {
        requireCycle(cycle);
        return decisions.page(cycle, actor, type, from, to, page, size);
    }

    @Operation(summary = "The decision log, newest first, a page at a time (JSON), or all of it as CSV or Markdown")
    @LeastRole(Role.VIEWER)
    @GetMapping(value = "/api/decisions", produces = {"text/csv", "text/markdown"})
    DecisionLog export(@RequestParam(required = false) String cycle,
                       @RequestParam(required = false) String actor,
                       @RequestParam(required = false) String type,
                       @RequestParam(required = false) String from,
                       @RequestParam(required = false) String to) {
        requireCycle(cycle);
        return decisions.log(cycle, actor, type, from, to);
    }

    private void requireCycle(String cycle) {
        if (cycle != null) {
            cycles.require(cycle, null);
        }
    }
}
