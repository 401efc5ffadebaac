package org.planningengine.query.views;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * A view collection with one document per aggregate, which remembers the sequence number of the last event it
 * applied: a redelivered event (after a restart mid-batch) is recognised and changes nothing. Every read is a key
 * lookup. Events of one aggregate reach one processor segment, in order, so read-then-replace is safe.
 */
public class AggregateViews extends KeyedDocuments {

    public static final String SEQUENCE = "seq";
    public static final String LAST_EVENT_AT = "lastEventAt";

    public AggregateViews(MongoCollection<Document> collection) {
        super(collection);
    }

    /**
     * Applies an event to its aggregate's document (a new one for its first event) unless the document has already
     * applied it; answers whether it did.
     */
    public boolean apply(String id, long sequence, Instant at, Consumer<Document> change) {
        Document current = find(id).orElse(null);
        if (current != null && current.get(SEQUENCE, Number.class).longValue() >= sequence) {
            return false;
        }
        Document next = current != null ? current : new Document("_id", id);
        change.accept(next);
        next.put(SEQUENCE, sequence);
        next.put(LAST_EVENT_AT, ViewTime.format(at));
        collection.replaceOne(Filters.eq("_id", id), next, new ReplaceOptions().upsert(true));
        return true;
    }
}
