package org.planningengine.query.views;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.serialization.Serializer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.bson.types.Binary;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How far the plan views have come: the time of the latest event their processor has handled, which is the instant
 * the views reflect (their {@code asOf}). It sees every event, after the projections of its group (it is ordered
 * last), so it never runs ahead of them.
 */
@Component
@ProcessingGroup(PlanProgress.GROUP)
@Order(Ordered.LOWEST_PRECEDENCE)
public class PlanProgress {

    /** The processing group of every plan view: cycles, roadmaps, capacity. One token keeps them consistent. */
    public static final String GROUP = "plan";
    public static final String COLLECTION = "view_progress";

    private final MongoCollection<Document> collection;
    private final MongoTemplate axonMongoTemplate;
    private final Serializer serializer;

    public PlanProgress(MongoDatabase planningDatabase, MongoTemplate axonMongoTemplate, Serializer serializer) {
        this.collection = planningDatabase.getCollection(COLLECTION);
        this.axonMongoTemplate = axonMongoTemplate;
        this.serializer = serializer;
    }

    @EventHandler
    void on(Object event, @Timestamp Instant at) {
        collection.updateOne(Filters.eq("_id", GROUP), Updates.max(AggregateViews.LAST_EVENT_AT, ViewTime.format(at)),
                             new UpdateOptions().upsert(true));
    }

    @ResetHandler
    void reset() {
        collection.deleteOne(Filters.eq("_id", GROUP));
    }

    /**
     * Whether the plan views reflect the event at this global position: every segment's stored token has passed it
     * (and not as a gap). Read from the token store, so that it holds whichever replica processes the segments.
     */
    public boolean reflects(long position) {
        TrackingToken event = GapAwareTrackingToken.newInstance(position, Set.of());
        List<TrackingToken> tokens = new ArrayList<>();
        axonMongoTemplate.trackingTokensCollection().find(Filters.eq("processorName", GROUP)).forEach(entry -> {
            Binary token = entry.get("token", Binary.class);
            tokens.add(token == null ? null : new GenericTokenEntry<>(
                    token.getData(), entry.getString("tokenType"), Instant.EPOCH.toString(), null, GROUP,
                    entry.getInteger("segment"), byte[].class).getToken(serializer));
        });
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> token != null && token.covers(event));
    }

    /** The instant an answer reflects: the one asked for, else the latest the views have reached (null before any). */
    public Instant asOf(Instant asked) {
        return asked != null ? asked : asOf().orElse(null);
    }

    /** The instant the plan views reflect; empty before their first event. */
    public Optional<Instant> asOf() {
        return Optional.ofNullable(collection.find(Filters.eq("_id", GROUP)).first())
                       .map(progress -> ViewTime.parse(progress.getString(AggregateViews.LAST_EVENT_AT)));
    }
}
