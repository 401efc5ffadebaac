package org.planningengine.query.plan;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.planningengine.security.Role;
import org.planningengine.security.web.LeastRole;
import org.planningengine.query.cycle.CycleViews;
import org.planningengine.query.feed.Feed;
import org.planningengine.query.feed.FeedStreams;
import org.planningengine.query.views.BadQuery;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The event feed, for other systems to follow what happens: pages after a cursor, or a live stream of server-sent
 * events. A cycle that does not exist is a {@code 404}, not an empty feed.
 */
@RestController
@Tag(name = "Feed",
        description = "What happened, in the order of the log, as integration events: pages or a live stream")
public class FeedReads {

    private final Feed feed;
    private final FeedStreams streams;
    private final CycleViews cycles;

    public FeedReads(Feed feed, FeedStreams streams, CycleViews cycles) {
        this.feed = feed;
        this.streams = streams;
        this.cycles = cycles;
    }

    @Operation(summary = "The event feed: integration events after a position, a page (JSON) or a live stream (SSE)")
    @LeastRole(Role.VIEWER)
    @GetMapping("/api/feed")
    Feed.Page page(@RequestParam(required = false) String after, @RequestParam(required = false) String limit,
                   @RequestParam(required = false) String types, @RequestParam(required = false) String cycle) {
        return feed.page(query(after, limit, types, cycle));
    }

    /** {@code Last-Event-ID}, sent by a client that reconnects, goes on after the last event it received. */
    @Operation(summary = "The event feed: integration events after a position, a page (JSON) or a live stream (SSE)")
    @LeastRole(Role.VIEWER)
    @GetMapping(value = "/api/feed", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@RequestParam(required = false) String after, @RequestParam(required = false) String types,
                      @RequestParam(required = false) String cycle,
                      @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
                      HttpServletResponse response) {
        if (lastEventId != null) {
            try {
                after = Long.toString(Long.parseLong(lastEventId.strip()));
            } catch (NumberFormatException notAPosition) {
                throw new BadQuery("Last-Event-ID", "Last-Event-ID must be a position of the feed (was '"
                                                    + lastEventId + "')");
            }
        }
        Feed.Query query = query(after, null, types, cycle);
        response.setHeader("X-Accel-Buffering", "no"); // nginx passes each event on as it comes
        response.setHeader("Cache-Control", "no-store");
        return streams.open(query);
    }

    private Feed.Query query(String after, String limit, String types, String cycle) {
        if (cycle != null) {
            cycles.require(cycle, null);
        }
        return Feed.Query.of(after, limit, types, cycle);
    }
}
