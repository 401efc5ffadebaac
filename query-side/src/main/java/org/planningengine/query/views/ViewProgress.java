package org.planningengine.query.views;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Instant;
import java.util.Optional;

/**
 * How far each projection has come, as the time of the latest event it applied: the instant its views reflect
 * (their {@code asOf}).
 */
public class ViewProgress {

    private final MongoCollection<Document> collection;

    public ViewProgress(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    public void advance(String projection, Instant eventAt) {
        collection.updateOne(Filters.eq("_id", projection),
                             Updates.max(AggregateViews.LAST_EVENT_AT, ViewTime.format(eventAt)),
                             new UpdateOptions().upsert(true));
    }

    /** The time of the latest event the projection applied; empty before its first. */
    public Optional<String> lastEventAt(String projection) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", projection)).first())
                       .map(progress -> progress.getString(AggregateViews.LAST_EVENT_AT));
    }

    public void clear(String projection) {
        collection.deleteOne(Filters.eq("_id", projection));
    }
}
