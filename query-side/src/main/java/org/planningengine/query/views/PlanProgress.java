package org.planningengine.query.views;

import com.mongodb.client.model.Filters;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.bson.types.Binary;
import org.planningengine.eventlog.MongoEventLog;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * How far the plan views have come, read from the token store so that it holds whichever replica processes which
 * segment: the position up to which every segment has handled every event, and the time of the event there, which
 * is the instant the views reflect (their {@code asOf}). With several segments, one may be ahead of that instant,
 * never behind it. A position the event log closed as abandoned counts as handled, though a token keeps it as a gap
 * until its processor's next event ({@link MongoEventLog#handledThrough}).
 */
@Component
public class PlanProgress {

    /** The processing group of every plan view: cycles, roadmaps, capacity. Its tokens say how far they have come. */
    public static final String GROUP = "plan";

    private final MongoTemplate axonMongoTemplate;
    private final Serializer serializer;
    private final MongoEventLog log;

    public PlanProgress(MongoTemplate axonMongoTemplate, Serializer serializer, MongoEventLog log) {
        this.axonMongoTemplate = axonMongoTemplate;
        this.serializer = serializer;
        this.log = log;
    }

    /**
     * Whether the plan views reflect the event at this global position: every segment has passed it. A token is
     * asked of the log only when it does not say so itself.
     */
    public boolean reflects(long position) {
        Optional<List<TrackingToken>> tokens = tokens();
        return tokens.isPresent() && tokens.get().stream().allMatch(
                token -> passed(token) >= position || log.handledThrough(token) >= position);
    }

    /** The instant an answer reflects: the one asked for, else the one the views have reached (null before any). */
    public Instant asOf(Instant asked) {
        return asked != null ? asked : asOf().orElse(null);
    }

    /** The instant the plan views reflect; empty before their first event. */
    public Optional<Instant> asOf() {
        OptionalLong through = handledThrough();
        return through.isPresent() ? log.timestampAt(through.getAsLong()) : Optional.empty();
    }

    /**
     * The highest position up to which every segment has handled every event (a position it is still waiting for,
     * a gap, is not handled; one closed as abandoned is); empty before the processor has stored a token.
     */
    public OptionalLong handledThrough() {
        return tokens().map(tokens -> OptionalLong.of(tokens.stream().mapToLong(log::handledThrough).min()
                                                            .orElseThrow()))
                       .orElse(OptionalLong.empty());
    }

    /** Every segment's token; empty before each has stored one. */
    private Optional<List<TrackingToken>> tokens() {
        List<TrackingToken> tokens = new ArrayList<>();
        axonMongoTemplate.trackingTokensCollection().find(Filters.eq("processorName", GROUP)).forEach(entry -> {
            Binary token = entry.get("token", Binary.class);
            tokens.add(token == null ? null : new GenericTokenEntry<>(
                    token.getData(), entry.getString("tokenType"), Instant.EPOCH.toString(), null, GROUP,
                    entry.getInteger("segment"), byte[].class).getToken(serializer));
        });
        return tokens.isEmpty() || tokens.contains(null) ? Optional.empty() : Optional.of(tokens);
    }

    /**
     * How far the token itself says its segment has handled every event: before its first gap, else its index (of
     * where a replay has come, for a replay's token).
     */
    private static long passed(TrackingToken token) {
        TrackingToken reached = WrappedToken.unwrapLowerBound(token);
        if (reached instanceof GapAwareTrackingToken gapAware && !gapAware.getGaps().isEmpty()) {
            return gapAware.getGaps().first() - 1;
        }
        return reached == null ? -1 : reached.position().orElse(-1);
    }
}
