package org.planningengine.query.views;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Instant;
import java.util.List;

/**
 * Named sets of ids (the initiatives on a cycle's roadmap, the teams with a plan in a cycle), one document each,
 * changed only by operations that are idempotent on their own: adding what is there or removing what is not changes
 * nothing. Events of different aggregates may change one set at once. When a set changed is told by its members'
 * documents, never by the set.
 */
public class ViewSets extends KeyedDocuments {

    public static final String MEMBERS = "members";
    /** Every id the set ever held: who belonged at a past instant is told by their own documents then. */
    public static final String EVER = "ever";

    public ViewSets(MongoCollection<Document> collection) {
        super(collection);
    }

    public void add(String setId, String member) {
        ViewWrites.upsert(collection, setId,
                          Updates.combine(Updates.addToSet(MEMBERS, member), Updates.addToSet(EVER, member)));
    }

    public void remove(String setId, String member) {
        ViewWrites.upsert(collection, setId, Updates.pull(MEMBERS, member));
    }

    public static List<String> members(Document set) {
        return set.getList(MEMBERS, String.class, List.of());
    }

    /** The members now, or, for a past instant, every id that was ever one (to be checked against their documents). */
    public static List<String> members(Document set, Instant asOf) {
        return asOf == null ? members(set) : set.getList(EVER, String.class, List.of());
    }
}
