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

/** A view collection read only by its primary key: one lookup, or one {@code $in}; fast on any MongoDB. */
public abstract class KeyedDocuments {

    protected final MongoCollection<Document> collection;

    protected KeyedDocuments(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    public Optional<Document> find(String id) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id)).first());
    }

    /** The documents with these ids, by id. */
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
