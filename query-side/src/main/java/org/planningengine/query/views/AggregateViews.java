package org.planningengine.query.views;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A view collection with one document per aggregate, which remembers the sequence number of the last event it
 * applied: a redelivered event (after a restart mid-batch) is recognised and changes nothing. Every read is a key
 * lookup. Events of one aggregate reach one processor segment, in order, so read-then-replace is safe.
 */
public class AggregateViews {

    public static final String SEQUENCE = "seq";
    public static final String LAST_EVENT_AT = "lastEventAt";

    private final MongoCollection<Document> collection;

    public AggregateViews(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    /**
     * Applies an event to its aggregate's document (a new one for its first event) unless the document has already
     * applied it; answers whether it did.
     */
    public boolean apply(String id, long sequence, Instant at, Consumer<Document> change) {
        Document current = collection.find(Filters.eq("_id", id)).first();
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

    public Optional<Document> find(String id) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first());
    }

    /** The documents with these ids, by id; an {@code $in} on the primary key. */
    public Map<String, Document> findAll(Collection<String> ids) {
        Map<String, Document> found = new LinkedHashMap<>();
        if (!ids.isEmpty()) {
            collection.find(Filters.in("_id", ids)).forEach(doc -> found.put(doc.getString("_id"), doc));
        }
        return found;
    }

    /** Every document: a scan, for collections that stay short (cycles). */
    public List<Document> all() {
        return collection.find().into(new ArrayList<>());
    }

    public void clear() {
        collection.deleteMany(new Document());
    }
}
