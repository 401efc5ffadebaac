package org.planningengine.query.views;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Named sets of ids (the initiatives on a cycle's roadmap, the teams with a plan in a cycle), one document each,
 * changed only by operations that are idempotent on their own: adding what is there or removing what is not changes
 * nothing, and the set's {@code lastEventAt} only rises. Events of different aggregates may change one set at once.
 */
public class ViewSets {

    public static final String MEMBERS = "members";

    private final MongoCollection<Document> collection;

    public ViewSets(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    public void add(String setId, String member, Instant at) {
        collection.updateOne(Filters.eq("_id", setId),
                             Updates.combine(Updates.addToSet(MEMBERS, member), raised(at)),
                             new UpdateOptions().upsert(true));
    }

    public void remove(String setId, String member, Instant at) {
        collection.updateOne(Filters.eq("_id", setId),
                             Updates.combine(Updates.pull(MEMBERS, member), raised(at)),
                             new UpdateOptions().upsert(true));
    }

    /** The set's document: its members and when it last changed; empty when nothing was ever added. */
    public Optional<Document> find(String setId) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", setId)).first());
    }

    /** The sets with these ids, by id; an {@code $in} on the primary key. */
    public Map<String, Document> findAll(Collection<String> setIds) {
        Map<String, Document> found = new LinkedHashMap<>();
        if (!setIds.isEmpty()) {
            collection.find(Filters.in("_id", setIds)).forEach(set -> found.put(set.getString("_id"), set));
        }
        return found;
    }

    public static List<String> members(Document set) {
        return set.getList(MEMBERS, String.class, List.of());
    }

    public void clear() {
        collection.deleteMany(new Document());
    }

    private static org.bson.conversions.Bson raised(Instant at) {
        return Updates.max(AggregateViews.LAST_EVENT_AT, ViewTime.format(at));
    }
}
