package org.planningengine.query.views;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A view collection read only by its primary key: one lookup, or one {@code $in}; fast on any MongoDB.
 * <p>
 * In a scenario ({@link ViewScope}) it is the scenario's own collection over the plan's: a document the scenario
 * holds is read from there, any other one is the plan's as of the fork ({@link #asForked}); writes go to the
 * scenario's.
 */
public abstract class KeyedDocuments {

    /**
     * Ids per {@code $in}. mongo-java-server finds each document by its key but then matches it against the whole
     * list again, so one {@code $in} of n ids costs n²: 5,000 ids took a second, the same in batches of 256 a
     * twentieth of that. A real MongoDB does not mind either way.
     */
    private static final int IDS_PER_QUERY = 256;

    protected final MongoDatabase database;
    protected final String name;
    private final MongoCollection<Document> plan;

    protected KeyedDocuments(MongoDatabase database, String name) {
        this.database = database;
        this.name = name;
        this.plan = database.getCollection(name);
    }

    /** The collection of the current scope: the plan's, or the scenario's own. */
    protected MongoCollection<Document> collection() {
        return ViewScope.current().map(scope -> database.getCollection(scope.collectionOf(name))).orElse(plan);
    }

    /** The plan's collection, whatever the scope. */
    protected MongoCollection<Document> planCollection() {
        return plan;
    }

    /** The document with this id: as the batch of events being handled wrote it, else as stored. */
    public Optional<Document> find(String id) {
        return Optional.ofNullable(findAll(List.of(id)).get(id));
    }

    /** The documents with these ids, by id. */
    public Map<String, Document> findAll(Collection<String> ids) {
        Map<String, Document> found = new LinkedHashMap<>();
        findByIds(collection(), ids, doc -> found.put(doc.getString("_id"), doc));
        Optional<ViewScope> scope = ViewScope.current();
        if (scope.isPresent() && found.size() < ids.size()) {
            List<String> missing = ids.stream().filter(id -> !found.containsKey(id)).toList();
            found.putAll(asForked(missing, scope.get()));
        }
        return found;
    }

    /**
     * The plan's documents with these ids as a scenario forked at its instant finds them, by id. As they are here;
     * a kind whose documents change with time answers them as they were then.
     */
    protected Map<String, Document> asForked(Collection<String> ids, ViewScope scope) {
        Map<String, Document> found = new LinkedHashMap<>();
        findByIds(plan, ids, doc -> found.put(doc.getString("_id"), doc));
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
        if (ViewScope.current().isEmpty()) {
            return plan.find().into(new ArrayList<>());
        }
        List<String> ids = new ArrayList<>();
        collection().find().forEach(doc -> ids.add(doc.getString("_id")));
        plan.find().forEach(doc -> {
            if (!ids.contains(doc.getString("_id"))) {
                ids.add(doc.getString("_id"));
            }
        });
        return new ArrayList<>(findAll(ids).values());
    }

    /** Empties the current scope's documents: in a scenario, only its own. */
    public void clear() {
        collection().deleteMany(new Document());
    }
}
