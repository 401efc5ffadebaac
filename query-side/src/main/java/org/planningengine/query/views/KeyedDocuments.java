package org.planningengine.query.views;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A view collection read only by its primary key: one lookup, or one {@code $in}; fast on any MongoDB. */
public abstract class KeyedDocuments {

    /**
     * Ids per {@code $in}. mongo-java-server finds each document by its key but then matches it against the whole
     * list again, so one {@code $in} of n ids costs n²: 5,000 ids took a second, the same in batches of 256 a
     * twentieth of that. A real MongoDB does not mind either way.
     */
    private static final int IDS_PER_QUERY = 256;

    protected final MongoCollection<Document> collection;

    protected KeyedDocuments(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    /** The document with this id: as the batch of events being handled wrote it, else as stored. */
    public Optional<Document> find(String id) {
        Optional<Document> written = ViewWrites.current().flatMap(batch -> batch.written(collection, id));
        return written.isPresent() ? written : Optional.ofNullable(collection.find(Filters.eq("_id", id)).first());
    }

    /** The documents with these ids, by id. */
    public Map<String, Document> findAll(Collection<String> ids) {
        Map<String, Document> found = new LinkedHashMap<>();
        findByIds(collection, ids, doc -> found.put(doc.getString("_id"), doc));
        return found;
    }

    /**
     * Every document of the collection with one of these ids, in batches of ids; those the batch of events being
     * handled wrote as it wrote them.
     */
    static void findByIds(MongoCollection<Document> collection, Collection<String> ids, Consumer<Document> each) {
        Optional<ViewWrites> batch = ViewWrites.current();
        List<String> stored = new ArrayList<>();
        for (String id : ids) {
            batch.flatMap(writes -> writes.written(collection, id)).ifPresentOrElse(each, () -> stored.add(id));
        }
        for (int from = 0; from < stored.size(); from += IDS_PER_QUERY) {
            collection.find(Filters.in("_id", stored.subList(from, Math.min(stored.size(), from + IDS_PER_QUERY))))
                      .forEach(each);
        }
    }

    /** Every document: a scan, for collections that stay short (cycles). */
    public List<Document> all() {
        return collection.find().into(new ArrayList<>());
    }

    public void clear() {
        collection.deleteMany(new Document());
    }
}
